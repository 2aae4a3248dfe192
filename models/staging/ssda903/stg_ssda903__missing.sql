{{ stage_raw('ssda903', 'missing') }}
