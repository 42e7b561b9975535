#!/bin/sh
echo "version 3"
