{{ stage_raw('cin_census', 'section47') }}
