package assets

import _ "embed"

// Welcome is the welcome article (Markdown with front matter) that the
// desktop app adds to an empty notebook on first run.
//
//go:embed welcome.md
var Welcome []byte

// WelcomeName is the file name the welcome article is imported under.
const WelcomeName = "welcome.md"
