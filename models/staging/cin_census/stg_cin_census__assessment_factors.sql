{{ stage_raw('cin_census', 'assessment_factors') }}
