{{ stage_raw('csww', 'vacancies') }}
