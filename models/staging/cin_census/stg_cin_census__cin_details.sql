{{ stage_raw('cin_census', 'cin_details') }}
