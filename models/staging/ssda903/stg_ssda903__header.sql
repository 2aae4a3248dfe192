{{ stage_raw('ssda903', 'header') }}
