#!/bin/sh
# Regenerates Sources/ONNXProto/onnx.pb.swift from Sources/ONNXProto/Proto/onnx.proto (ONNX's own schema,
# Apache-2.0, copied from PyPI's onnx 1.23.2, `onnx/onnx.proto`). The generated file is committed, so builds
# never need protoc or the plugin (building swift-protobuf's plugin in every CI run is what we avoid).
#
# Needs Debian's protobuf-compiler and swift-protobuf's protoc-gen-swift of the version Package.swift names:
#   git clone --branch 1.39.0 https://github.com/apple/swift-protobuf /tmp/swpb
#   (cd /tmp/swpb && swift build -c release --product protoc-gen-swift)
#   PLUGIN=/tmp/swpb/.build/release/protoc-gen-swift scripts/generate-onnx-swift.sh
set -eu
cd "$(dirname "$0")/../Sources/ONNXProto/Proto"
protoc --plugin="${PLUGIN:-protoc-gen-swift}" --swift_out=.. --swift_opt=Visibility=Package onnx.proto
