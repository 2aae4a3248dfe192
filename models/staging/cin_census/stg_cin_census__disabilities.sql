{{ stage_raw('cin_census', 'disabilities') }}
