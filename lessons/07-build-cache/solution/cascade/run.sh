#!/bin/sh
echo "version 2"
