#!/bin/sh
echo "hello from my first image"
