{{ stage_raw('ssda903', 'episodes') }}
