#!/usr/bin/env bash
# `make run`: start a JVM that pegs the CPU and profile it from outside. PLACEHOLDER.
echo "demo: not implemented yet" >&2
exit 1
