package notebook_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/glossnotes/gloss/internal/testutil/nbtest"
	"github.com/glossnotes/gloss/notebook"
)

// The kill tests run each sync in a child process (this test binary run
// again as TestSync_killedChild) and SIGKILL it: at each phase of the sync
// (while git writes the export's commit, while it fetches, while it writes
// the merge's commit, inside the apply's transaction, while it pushes) and
// at random moments. After each kill the notebook must pass check; after
// everyone syncs twice at the end, all notebooks must hold byte-identical
// records, with every item made present once.

// Environment of the child.
const (
	childEnv  = "GLOSS_SYNC_CHILD"  // the notebook's path
	remoteEnv = "GLOSS_SYNC_REMOTE" // set: sync init with this remote
	stallEnv  = "GLOSS_SYNC_STALL"  // a phase at which the child waits
)

// TestSync_killedChild is the child: it syncs the notebook named by
// GLOSS_SYNC_CHILD, printing each phase as it reaches it. It does nothing
// in a normal test run.
func TestSync_killedChild(t *testing.T) {
	path := os.Getenv(childEnv)
	if path == "" {
		t.Skip("runs only as the child of the kill tests")
	}
	stall := os.Getenv(stallEnv)
	notebook.SetSyncPhaseHook(func(p string) {
		fmt.Printf("phase %s\n", p)
		os.Stdout.Sync()
		if p == stall {
			time.Sleep(5 * time.Second) // killed meanwhile
		}
	})
	nb := notebook.New(nbtest.Store(t, path))
	defer nb.Close()
	nb.SetIdentity(filepath.Base(path))
	var err error
	if remote := os.Getenv(remoteEnv); remote != "" {
		_, err = nb.SyncInit(context.Background(), remote, false)
	} else {
		_, err = nb.Sync(context.Background())
	}
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("phase done")
}

// child is a running child sync.
type child struct {
	cmd    *exec.Cmd
	phases chan string
}

func startChild(t *testing.T, path, remote, stall string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestSync_killedChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+path, remoteEnv+"="+remote, stallEnv+"="+stall)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, phases: make(chan string, 16)}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if p, ok := strings.CutPrefix(sc.Text(), "phase "); ok {
				c.phases <- p
			}
		}
		close(c.phases)
	}()
	return c
}

// finish waits for a child that is not killed; it must succeed.
func (c *child) finish(t *testing.T) {
	t.Helper()
	done := false
	for p := range c.phases {
		done = done || p == "done"
	}
	if err := c.cmd.Wait(); err != nil || !done {
		t.Fatalf("child sync: %v (finished: %v)", err, done)
	}
}

// killAt kills the child delay after it reaches phase (at once, from its
// start, when phase is ""); it reports whether the kill came before the
// child finished.
func (c *child) killAt(t *testing.T, phase string, delay time.Duration) bool {
	t.Helper()
	if phase != "" {
		for p := range c.phases {
			if p == phase {
				break
			}
			if p == "done" {
				c.drain()
				return false
			}
		}
	}
	time.Sleep(delay)
	c.cmd.Process.Signal(syscall.SIGKILL)
	killed := false
	go func() {
		for range c.phases {
		}
	}()
	if err := c.cmd.Wait(); err != nil {
		if ee, ok := err.(*exec.ExitError); ok && !ee.Exited() {
			killed = true
		}
	}
	return killed
}

func (c *child) drain() {
	for range c.phases {
	}
	c.cmd.Wait()
}

// killWorld is the notebooks of a kill test and what was made in them.
type killWorld struct {
	t      *testing.T
	dir    string
	remote string
	paths  []string
	made   map[string]bool
	rng    *rand.Rand
	n      int
}

// edit opens notebook i, checks it, makes one to three random changes and
// closes it.
func (w *killWorld) edit(i int) {
	t := w.t
	nb := notebook.New(nbtest.Store(t, w.paths[i]))
	defer nb.Close()
	nb.SetIdentity(fmt.Sprintf("K%d", i))
	if problems, err := nb.Check(); err != nil || len(problems) > 0 {
		t.Fatalf("check %s after a kill: %v %v", w.paths[i], problems, err)
	}
	for k := 1 + w.rng.IntN(3); k > 0; k-- {
		arts, _ := nb.Articles(notebook.ListOptions{})
		anns, _ := nb.Annotations("")
		switch op := w.rng.IntN(7); {
		case op == 0 || len(arts) == 0:
			w.n++
			a := article(t, nb, fmt.Sprintf("Killed %d", w.n), fmt.Sprintf("Notes %d of a sync that was killed.\n\nThe river rose by a metre at the ferry on day %d.", w.n, w.n))
			w.made[a.ID] = true
		case op == 1:
			a := arts[w.rng.IntN(len(arts))]
			if an, err := nb.Highlight(notebook.HighlightSpec{ArticleID: a.ID, Start: 0, End: 5, Note: "first"}); err == nil {
				w.made[an.ID] = true
			}
		case op == 2 && len(anns) > 0:
			w.n++
			nb.EditAnnotation(anns[w.rng.IntN(len(anns))].ID, notebook.AnnotationUpdate{Note: ptr(fmt.Sprintf("note %d", w.n))})
		case op == 3:
			w.n++
			nb.SetArticle(arts[w.rng.IntN(len(arts))].ID, notebook.ArticleUpdate{Title: ptr(fmt.Sprintf("Retitled %d", w.n))})
		case op == 4 && len(arts) > 1:
			nb.Delete(arts[w.rng.IntN(len(arts))].ID)
		case op == 5 && w.hasTrash(nb):
			trash, _ := nb.TrashEntries()
			nb.Restore(trash[w.rng.IntN(len(trash))].ID)
		default:
			a := arts[w.rng.IntN(len(arts))]
			body, _ := nb.Text(a.ID)
			nb.EditText(a.ID, body.Text+fmt.Sprintf("\n\nAdded line %d.", w.rng.IntN(1000)))
		}
	}
}

// hasTrash reports whether nb's trash has an entry.
func (w *killWorld) hasTrash(nb *notebook.Notebook) bool {
	trash, _ := nb.TrashEntries()
	return len(trash) > 0
}

// TestSync_killed kills syncs at every phase and at random moments.
// GLOSS_SYNC_KILLS sets the number of kills (default 9).
//
// Every edit changes something, so that the killed sync always has
// something to send, merge and apply and reaches every phase. The kills
// go round the phases (export, fetch, merge, apply, push, and a random
// moment of the whole sync): in the first round each sync is stopped at
// the phase and killed there, so that every phase is hit whatever the
// machine's speed (the check that it was is a real check, not a race);
// in the later rounds the kill comes a random moment (under 40 ms) after
// the phase, inside the git command that follows (the apply is always
// stopped inside its transaction).
func TestSync_killed(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	kills := 9
	if n, err := strconv.Atoi(os.Getenv("GLOSS_SYNC_KILLS")); err == nil && n > 0 {
		kills = n
	}
	if testing.Short() {
		kills = 5
	}
	dir := t.TempDir()
	w := &killWorld{t: t, dir: dir, remote: filepath.Join(dir, "team.git"), made: map[string]bool{}, rng: rand.New(rand.NewPCG(7, 11))}
	if out, err := exec.Command("git", "init", "--bare", "-q", w.remote).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v %s", err, out)
	}
	for i := 0; i < 3; i++ {
		w.paths = append(w.paths, filepath.Join(dir, fmt.Sprintf("K%d.db", i)))
		w.edit(i)
	}
	// The first sync of each (sync init) is killed once in the middle.
	start := time.Now()
	startChild(t, w.paths[0], w.remote, "").finish(t)
	normal := time.Since(start)
	for i := 1; i < 3; i++ {
		startChild(t, w.paths[i], w.remote, "").killAt(t, "", time.Duration(w.rng.Int64N(int64(normal))))
		startChild(t, w.paths[i], w.remote, "").finish(t)
	}
	phases := []string{"export", "fetch", "merge", "apply", "push", ""}
	hit := map[string]int{}
	for k := 0; k < kills; k++ {
		i := w.rng.IntN(3)
		w.edit(i)
		// Another notebook's changes go out first, so that the killed sync
		// has something to merge and apply.
		j := (i + 1 + w.rng.IntN(2)) % 3
		w.edit(j)
		startChild(t, w.paths[j], "", "").finish(t)
		phase := phases[k%len(phases)]
		var c *child
		var delay time.Duration
		switch {
		case phase == "apply" || phase != "" && k < len(phases):
			c = startChild(t, w.paths[i], "", phase) // waits there
		case phase == "":
			c = startChild(t, w.paths[i], "", "")
			delay = time.Duration(w.rng.Int64N(int64(normal)))
		default:
			// Into the git command that follows the phase.
			c = startChild(t, w.paths[i], "", "")
			delay = time.Duration(w.rng.Int64N(int64(40 * time.Millisecond)))
		}
		if c.killAt(t, phase, delay) {
			hit[phase]++
		}
		if k%4 == 3 {
			startChild(t, w.paths[i], "", "").finish(t)
		}
	}
	t.Logf("kills by phase (\"\": random moment): %v", hit)
	for _, p := range phases {
		if p != "" && hit[p] == 0 && kills >= len(phases) {
			t.Errorf("no kill at phase %s: %v", p, hit)
		}
	}
	for round := 0; round < 2; round++ {
		for i := range w.paths {
			startChild(t, w.paths[i], "", "").finish(t)
		}
	}
	nbs := make([]*notebook.Notebook, len(w.paths))
	for i, p := range w.paths {
		nbs[i] = nbtest.Open(t, p)
	}
	same(t, nbs...)
	checkOnce(t, dump(t, nbs[0]), w.made)
}

// checkOnce checks that a bundle holds every item made, each once (live
// or in the trash).
func checkOnce(t *testing.T, bundle string, made map[string]bool) {
	t.Helper()
	var b struct {
		Articles []struct {
			Article     struct{ ID string }
			Annotations []struct{ ID string }
		}
		Trash []struct {
			ID          string
			Kind        string
			Annotations []struct{ ID string }
		}
	}
	if err := json.Unmarshal([]byte(bundle), &b); err != nil {
		t.Fatalf("bundle: %v", err)
	}
	count := map[string]int{}
	for _, a := range b.Articles {
		count[a.Article.ID]++
		for _, an := range a.Annotations {
			count[an.ID]++
		}
	}
	for _, e := range b.Trash {
		if e.Kind == notebook.TrashArticle {
			count[e.ID]++
		}
		for _, an := range e.Annotations {
			count[an.ID]++
		}
	}
	for id := range made {
		if count[id] != 1 {
			t.Errorf("item %s is held %d times", id, count[id])
		}
	}
	for id, n := range count {
		if n != 1 || !made[id] {
			t.Errorf("item %s: held %d times, made here: %v", id, n, made[id])
		}
	}
}
