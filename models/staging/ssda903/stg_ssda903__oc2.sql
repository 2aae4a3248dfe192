{{ stage_raw('ssda903', 'oc2') }}
