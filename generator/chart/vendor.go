package chart

// EchartsVersion is the pinned version of the echarts library vendored in
// templates/static/vendor/echarts (its VERSION file) and served as
// ScriptPath. Re-fetch and verify it with generator/chart/fetch-echarts.sh;
// vendor_test.go checks the vendored file against the pinned checksum.
const EchartsVersion = "5.6.0"
