#!/bin/sh
echo "app $APP_VERSION running as $(id -un) in $(pwd)"
