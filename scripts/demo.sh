#!/usr/bin/env bash
# Command 1 of the README: synthetic returns for several LAs and years in, warehouse and reports out.
source "$(dirname "$0")/_env.sh"
cscare demo "$@"
