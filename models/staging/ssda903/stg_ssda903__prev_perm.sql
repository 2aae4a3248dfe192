{{ stage_raw('ssda903', 'prev_perm') }}
