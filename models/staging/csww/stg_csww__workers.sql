{{ stage_raw('csww', 'workers') }}
