{{ stage_raw('ssda903', 'oc3') }}
