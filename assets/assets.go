// Package assets embeds the files Gloss ships inside its binary: the
// application icon and, in files of their own, the welcome article and the
// export templates.
package assets

import _ "embed"

// Icon is the application icon (512×512 PNG).
//
//go:embed icon.png
var Icon []byte
