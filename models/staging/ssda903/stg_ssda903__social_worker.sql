{{ stage_raw('ssda903', 'social_worker') }}
