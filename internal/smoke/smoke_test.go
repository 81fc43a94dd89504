// Package smoke holds the end-to-end smoke test: the real gloss binary in a
// real window on an X display (Xvfb in CI). It runs only when GLOSS_SMOKE=1
// and DISPLAY are set; scripts/test.sh sets both.
package smoke

import (
	"github.com/glossnotes/gloss/internal/testutil"

	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func run(t *testing.T, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	return out
}

// reddish counts the pixels of a PNG whose red clearly dominates.
func reddish(t *testing.T, data []byte) int {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			if r >= 100 && r >= g+50 && r >= bl+50 {
				n++
			}
		}
	}
	return n
}

// distinctColors counts the colours in a PNG, up to limit.
func distinctColors(t *testing.T, data []byte, limit int) int {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	seen := map[[3]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
			if len(seen) >= limit {
				return len(seen)
			}
		}
	}
	return len(seen)
}

func TestSmoke_AppStartsShowsArticleAndQuits(t *testing.T) {
	if os.Getenv("GLOSS_SMOKE") != "1" || os.Getenv("DISPLAY") == "" {
		t.Skip("set GLOSS_SMOKE=1 and DISPLAY (scripts/test.sh does) to run the smoke test")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "gloss")
	build := exec.Command("go", "build", "-o", bin, "../..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "nb.db")
	run(t, bin, "--db", db, "import", testutil.SamplePath(t))
	id := string(bytes.Fields(run(t, bin, "--db", db, "list"))[5]) // first ID after the header
	run(t, bin, "--db", db, "highlight", id, "--quote", "a large consignment of Russian reconnaissance drones", "--color", "red", "--note", "deliveries")
	run(t, bin, "--db", db, "highlight", id, "--quote", "Wagner Group", "--occurrence", "1", "--color", "blue")

	app := exec.Command(bin, "--db", db)
	// Fresh preferences: the app opens the notebook's only article, not
	// whatever the developer's own configuration remembers.
	home := t.TempDir()
	app.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"))
	var stderr bytes.Buffer
	app.Stderr = &stderr
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()

	// Wait for a window with content: the screen goes from one flat colour
	// to many.
	var shot []byte
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case err := <-exited:
			t.Fatalf("app exited early: %v\n%s", err, stderr.String())
		default:
		}
		shot = run(t, "import", "-window", "root", "png:-")
		if distinctColors(t, shot, 64) >= 64 {
			break
		}
		if time.Now().After(deadline) {
			os.WriteFile(filepath.Join(os.TempDir(), "gloss-smoke-blank.png"), shot, 0o644)
			t.Fatal("the screen stayed blank for 60 s")
		}
		time.Sleep(500 * time.Millisecond)
	}
	time.Sleep(1 * time.Second) // let the first frames settle
	shot = run(t, "import", "-window", "root", "png:-")
	out := os.Getenv("GLOSS_SMOKE_SHOT")
	if out == "" {
		out = filepath.Join(os.TempDir(), "gloss-smoke.png")
	}
	os.WriteFile(out, shot, 0o644)
	t.Logf("screenshot: %s (%d colours)", out, distinctColors(t, shot, 10000))
	// The article is shown with its red highlight (a pink band in the light
	// theme, a dark red one in the dark theme; nothing else in the window
	// is red).
	if n := reddish(t, shot); n < 300 {
		t.Errorf("only %d red pixels on screen: the article's red highlight is not shown (see %s)", n, out)
	}

	// Quit on request: SIGTERM must close the window and exit 0.
	app.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("app did not quit cleanly: %v\n%s", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		app.Process.Kill()
		t.Fatal("app did not quit within 10 s of SIGTERM")
	}
}
