{{ stage_raw('ssda903', 'uasc') }}
