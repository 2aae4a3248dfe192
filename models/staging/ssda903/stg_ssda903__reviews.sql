{{ stage_raw('ssda903', 'reviews') }}
