package notebook

// Exported for tests in package notebook_test.
var CacheMinBuild = &cacheMinBuild
