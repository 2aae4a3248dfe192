{{ stage_raw('cin_census', 'cp_reviews') }}
