package app

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/glossnotes/gloss/internal/testutil/nbtest"
	"github.com/glossnotes/gloss/notebook"
	"github.com/glossnotes/gloss/notebook/ingest"
)

// Issue 20, "Sync": with the system's git and a bare repository in a
// temporary folder.

// bareRemote makes an empty bare repository (the test is skipped without
// git).
func bareRemote(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	remote := filepath.Join(t.TempDir(), "shared.git")
	if out, err := exec.Command("git", "init", "--bare", "-q", remote).CombinedOutput(); err != nil {
		t.Fatalf("git init --bare: %v\n%s", err, out)
	}
	return remote
}

// syncHarness is a harness whose notebook has an identity (the author of
// its commits) and whose status reads follow changes at once.
func syncHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t, false)
	h.nb.SetIdentity("Ama Reader <ama@example.org>")
	h.ui.syncer.statusDelay = time.Millisecond
	return h
}

// setUpSync sets up sync with remote through the dialog.
func (h *harness) setUpSync(remote string) {
	h.t.Helper()
	s := h.ui.syncer
	s.showSetup()
	f := s.setup
	if f == nil {
		h.t.Fatal("Set up sync did not open")
	}
	f.remote.SetText(remote)
	h.closeDialogs()
	f.submit()
	h.settle()
}

// waitFor settles until cond holds (timers post their work), or fails.
func (h *harness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
		h.settle()
	}
}

// TestUI_SyncSetUp: Set up sync runs the first sync in the background,
// the notebook reaches the remote, the notice says what was sent, and the
// status line appears.
func TestUI_SyncSetUp(t *testing.T) {
	remote := bareRemote(t)
	h := syncHarness(t)
	h.importSample()
	s := h.ui.syncer
	if !s.known || s.hasRemote || s.line.box.Visible() {
		t.Fatalf("before set-up: known %v, remote %v, status line shown %v", s.known, s.hasRemote, s.line.box.Visible())
	}
	if s.syncNow(); s.setup == nil {
		t.Error("Sync now without a remote does not offer to set it up")
	}
	h.closeDialogs()
	// The same before the status was first read: the sync's refusal
	// opens the set-up.
	s.known = false
	s.syncNow()
	h.settle()
	if s.setup == nil || h.ui.lastError != "" {
		t.Errorf("Sync now before the status is known: set-up %v, error %q", s.setup != nil, h.ui.lastError)
	}
	h.closeDialogs()
	h.setUpSync(remote)
	if s.lastErr != nil {
		t.Fatalf("set-up failed: %v", s.lastErr)
	}
	if s.lastReport.Sent == 0 || !s.lastReport.Pushed {
		t.Errorf("first sync report %+v", s.lastReport)
	}
	if msg := h.ui.notify.msg.Text; !strings.HasPrefix(msg, "Synced with ") || !strings.Contains(msg, "sent") {
		t.Errorf("notice %q", msg)
	}
	if out, err := exec.Command("git", "--git-dir", remote, "log", "--oneline", "--all").CombinedOutput(); err != nil || len(strings.TrimSpace(string(out))) == 0 {
		t.Errorf("the remote has no commit: %v %s", err, out)
	}
	if !s.line.box.Visible() || s.line.label.Text != "Synced just now" {
		t.Errorf("status line %q (shown %v)", s.line.label.Text, s.line.box.Visible())
	}
	// Set up again with another remote: refused without "replace".
	other := bareRemote(t)
	s.showSetup()
	if !s.setup.force.Visible() {
		t.Error("the dialog does not offer to replace the current remote")
	}
	f := s.setup
	f.remote.SetText(other)
	h.closeDialogs()
	f.submit()
	h.settle()
	if s.lastErr == nil || !strings.Contains(h.ui.lastError, "already syncs with another remote") {
		t.Errorf("a second remote without replace: %v, shown %q", s.lastErr, h.ui.lastError)
	}
	h.closeDialogs()
	s.showSetup()
	f = s.setup
	f.remote.SetText(other)
	f.force.SetChecked(true)
	h.closeDialogs()
	f.submit()
	h.settle()
	if s.lastErr != nil || s.status.Remote != other {
		t.Errorf("replace the remote: %v, remote %q", s.lastErr, s.status.Remote)
	}
}

// TestUI_SyncNow: a change shows as not synced; Sync now sends it; what
// another notebook sent comes in and reaches the library through the
// change feed; a conflict is counted in the notice and listed in Details.
func TestUI_SyncNow(t *testing.T) {
	remote := bareRemote(t)
	h := syncHarness(t)
	id := h.importSample()
	h.setUpSync(remote)
	s := h.ui.syncer
	if s.lastErr != nil {
		t.Fatal(s.lastErr)
	}
	// A second notebook joins the remote.
	other := nbtest.OpenTemp(t)
	other.SetIdentity("Ben Writer <ben@example.org>")
	if _, err := other.SyncInit(t.Context(), remote, false); err != nil {
		t.Fatal(err)
	}
	// Here: a highlight, shown as not synced.
	h.selectQuote(consignment)
	h.ui.reader.view.TypedRune('h')
	h.settle()
	h.waitFor("the status line to count the change", func() bool { return strings.HasSuffix(s.line.label.Text, "not synced") })
	// There: a new article, and the same article's title changed on both
	// sides (the later change wins, reported as a conflict).
	d, err := ingest.Paste([]byte(secondArticle))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.AddArticle(d); err != nil {
		t.Fatal(err)
	}
	if _, err := h.nb.SetArticle(id, notebook.ArticleUpdate{Title: ptr("Drones and grain for Burkina Faso (here)")}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond) // the other side's edit is later
	if _, err := other.SetArticle(id, notebook.ArticleUpdate{Title: ptr("Drones and grain for Burkina Faso (there)")}); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Sync(t.Context()); err != nil {
		t.Fatal(err)
	}
	h.settle()
	h.ui.runShortcut(key("S", true)) // Ctrl+Shift+S
	h.settle()
	if s.lastErr != nil {
		t.Fatalf("sync: %v", s.lastErr)
	}
	rep := s.lastReport
	if rep.Received == 0 || rep.Sent == 0 || len(rep.Conflicts) == 0 {
		t.Errorf("report %+v: want something sent, received and a conflict", rep)
	}
	msg := h.ui.notify.msg.Text
	if !strings.Contains(msg, "received") || !strings.Contains(msg, "resolved") || h.ui.notify.action.Text != "Details" {
		t.Errorf("notice %q (action %q)", msg, h.ui.notify.action.Text)
	}
	found := false
	for _, a := range h.ui.lib.all {
		found = found || strings.HasPrefix(a.Title, "Harbour cranes")
	}
	if !found {
		t.Error("the received article is not in the library")
	}
	if !strings.HasSuffix(h.ui.cur.Title, "(there)") {
		t.Errorf("the reader shows title %q, want the other side's later one", h.ui.cur.Title)
	}
	if s.line.label.Text != "Synced just now" {
		t.Errorf("status line %q", s.line.label.Text)
	}
	n := len(h.ui.dialogs)
	h.ui.notify.action.OnTapped()
	if len(h.ui.dialogs) != n+1 {
		t.Fatal("Details opened no dialog")
	}
	if !textsContain(h.win.Canvas().Overlays().Top(), "resolved by Gloss") {
		t.Error("the details do not list the conflicts")
	}
	h.closeDialogs()
}

// TestUI_SyncStatus: Sync status… says where, when ("just now"), what is
// not synced and whether the automatic sync is on.
func TestUI_SyncStatus(t *testing.T) {
	remote := bareRemote(t)
	h := syncHarness(t)
	h.importSample()
	h.setUpSync(remote)
	s := h.ui.syncer
	s.setAuto(true, 10)
	h.selectQuote(consignment)
	h.ui.reader.view.TypedRune('h')
	h.settle()
	s.showStatus()
	h.settle()
	for _, want := range []string{"Remote: " + remote, "Last synced: just now", "Changes not synced: ", "made here", "Automatic sync: every 10 minutes"} {
		if !strings.Contains(s.statusShown, want) {
			t.Errorf("status lacks %q:\n%s", want, s.statusShown)
		}
	}
	if !strings.Contains(s.autoItem.Label, "every 10 minutes") || !s.autoItem.Checked {
		t.Errorf("menu item %q checked %v", s.autoItem.Label, s.autoItem.Checked)
	}
	h.closeDialogs()
	s.setAuto(false, 0)
}

// TestUI_SyncBadRemote: a remote that cannot be reached is said in plain
// words (in a dialog for a sync asked for), and the status line says the
// sync failed.
func TestUI_SyncBadRemote(t *testing.T) {
	remote := bareRemote(t)
	h := syncHarness(t)
	h.importSample()
	h.setUpSync(remote)
	s := h.ui.syncer
	if s.lastErr != nil {
		t.Fatal(s.lastErr)
	}
	if err := os.Rename(remote, remote+".moved"); err != nil {
		t.Fatal(err)
	}
	s.syncNow()
	h.settle()
	if s.lastErr == nil {
		t.Fatal("a sync with a missing remote succeeded")
	}
	want := "The remote (" + remote + ") could not be reached"
	if !strings.HasPrefix(h.ui.lastError, want) || strings.Contains(h.ui.lastError, "exit status") {
		t.Errorf("error shown %q, want it to start %q and to leave out git's command", h.ui.lastError, want)
	}
	if s.line.label.Text != "Sync failed" {
		t.Errorf("status line %q", s.line.label.Text)
	}
	h.closeDialogs()
	s.showStatus()
	h.settle()
	if !strings.Contains(s.statusShown, "The last sync failed (just now): The remote") {
		t.Errorf("status:\n%s", s.statusShown)
	}
	h.closeDialogs()
	// A remote that does not exist at all, at set-up.
	h2 := syncHarness(t)
	h2.setUpSync(filepath.Join(t.TempDir(), "nowhere.git"))
	if h2.ui.syncer.lastErr == nil || !strings.Contains(h2.ui.lastError, "could not be reached") {
		t.Errorf("set-up with a missing remote: %v, shown %q", h2.ui.syncer.lastErr, h2.ui.lastError)
	}
}

// TestUI_AutoSync: the automatic sync fires on its interval (shortened
// here), sends the changes, never starts while a sync runs, stops when
// turned off, and stops with the window.
func TestUI_AutoSync(t *testing.T) {
	remote := bareRemote(t)
	h := syncHarness(t)
	h.importSample()
	h.setUpSync(remote)
	s := h.ui.syncer
	s.interval = 30 * time.Millisecond
	runs := s.runs
	s.setAuto(true, 0)
	if !s.ui.prefs.Bool(prefKey(h.nb.Path(), prefSyncAuto)) {
		t.Error("the choice is not remembered for the notebook")
	}
	h.selectQuote(consignment)
	h.ui.reader.view.TypedRune('h')
	h.settle()
	h.waitFor("an automatic sync", func() bool { return s.runs > runs && s.status.Pending == 0 })
	if s.lastErr != nil {
		t.Fatal(s.lastErr)
	}
	// Never two at once: a sync asked for while one runs is not started.
	s.run(nil, false)
	s.run(nil, false)
	if msg := h.ui.notify.msg.Text; msg != "A sync is already running." {
		t.Errorf("second sync: notice %q", msg)
	}
	before := s.runs
	s.autoSync() // the timer firing meanwhile
	h.settle()
	if s.runs != before+1 {
		t.Errorf("%d syncs ran, want 1", s.runs-before)
	}
	// Off: no more syncs.
	s.setAuto(false, 0)
	h.settle()
	off := s.runs
	time.Sleep(150 * time.Millisecond)
	h.settle()
	if s.runs != off {
		t.Errorf("%d syncs after the automatic sync was turned off", s.runs-off)
	}
	// On again, then the window closes: the timer stops.
	s.setAuto(true, 0)
	wait := h.ui.shutdown()
	wait()
	// (The timers stop on the UI context's cancellation, on a goroutine of
	// its own.)
	stopped := false
	for i := 0; i < 100 && !stopped; i++ {
		s.mu.Lock()
		stopped = s.autoTimer == nil
		s.mu.Unlock()
		time.Sleep(10 * time.Millisecond)
	}
	if !stopped {
		t.Error("the automatic sync outlives the window")
	}
}

// TestSyncErrorText: git's messages become sentences.
func TestSyncErrorText(t *testing.T) {
	tests := []struct{ msg, want string }{
		{"sync: fetch from /srv/n.git: git fetch --quiet origin +refs/heads/main:refs/remotes/origin/main: exit status 128: fatal: 'origin' does not appear to be a git repository\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights",
			"The remote (/srv/n.git) could not be reached: Could not read from remote repository. Check"},
		{"sync: fetch: exit status 128: fatal: unable to access 'https://git.example.org/n.git/': Could not resolve host: git.example.org",
			"The remote (/srv/n.git) could not be reached: unable to access 'https://git.example.org/n.git/': Could not resolve host: git.example.org."},
		{"sync: push: exit status 128: git@example.org: Permission denied (publickey).\nfatal: Could not read from remote repository.",
			"The remote (/srv/n.git) refused your credentials"},
		{"sync: push: exit status 1: ! [rejected] main -> main (fetch first)\nerror: failed to push some refs",
			"The remote (/srv/n.git) did not take the changes"},
		{"sync: export: context canceled", "The sync was cancelled."},
		{"sync init: invalid: this notebook already syncs with /a.git (use --force to change)", "This notebook already syncs with another remote."},
		{"sync: something odd", "The sync failed: something odd."},
	}
	for _, tt := range tests {
		if got := syncErrorText(tt.msg, "/srv/n.git"); !strings.HasPrefix(got, tt.want) {
			t.Errorf("%.50q:\n got %q\nwant %q…", tt.msg, got, tt.want)
		}
	}
}

// TestAgo: "5 minutes ago" and its kin.
func TestAgo(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		d    time.Duration
		want string
	}{
		{10 * time.Second, "just now"}, {time.Minute, "1 min ago"}, {5*time.Minute + 30*time.Second, "5 min ago"},
		{90 * time.Minute, "1 hour ago"}, {5 * time.Hour, "5 hours ago"}, {30 * time.Hour, "yesterday"}, {72 * time.Hour, "3 days ago"},
	}
	for _, tt := range tests {
		if got := ago(now.Add(-tt.d), now); got != tt.want {
			t.Errorf("ago(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
	if got := agoLong(now.Add(-5*time.Minute), now); got != "5 minutes ago" {
		t.Errorf("agoLong = %q", got)
	}
	st := notebook.SyncStatus{Remote: "/r.git", LastSync: now.Add(-2 * time.Minute)}
	for _, tt := range []struct {
		st     notebook.SyncStatus
		err    error
		want   string
		failed bool
	}{
		{st, nil, "Synced 2 min ago", false},
		{func() notebook.SyncStatus { s := st; s.Pending = 3; return s }(), nil, "3 changes not synced", false},
		{func() notebook.SyncStatus { s := st; s.LastError, s.ErrorAt = "x", now; return s }(), nil, "Sync failed", true},
		{func() notebook.SyncStatus { s := st; s.LastError, s.ErrorAt = "x", now.Add(-time.Hour); return s }(), nil, "Synced 2 min ago", false},
		{st, errors.New("broken"), "Sync status unknown", true},
	} {
		if got, failed := syncLineText(tt.st, tt.err, now); got != tt.want || failed != tt.failed {
			t.Errorf("%+v: %q %v, want %q %v", tt.st, got, failed, tt.want, tt.failed)
		}
	}
}
