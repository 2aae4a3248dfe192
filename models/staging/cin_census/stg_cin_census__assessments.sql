{{ stage_raw('cin_census', 'assessments') }}
