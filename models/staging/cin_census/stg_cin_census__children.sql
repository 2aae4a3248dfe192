{{ stage_raw('cin_census', 'children') }}
