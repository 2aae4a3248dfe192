{{ stage_raw('ssda903', 'placed_for_adoption') }}
