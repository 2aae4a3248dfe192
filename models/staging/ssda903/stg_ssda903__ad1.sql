{{ stage_raw('ssda903', 'ad1') }}
