package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/notebook"
)

// Sync (issue 20): the Sync menu sets up a Git remote (SyncInit), syncs
// now (Sync) and shows the sync's status (SyncStatus); a sync can also run
// every N minutes while the window is open. Every sync runs as a
// background job with the UI's context (switching notebooks or quitting
// cancels it, and the notebook closes only after it has returned) and a
// context of its own that the Cancel button of the status line cancels.
// The service holds a per-notebook lock, so an automatic sync and one
// from the menu never overlap; the app also never starts a second one
// while its own is running. A sync's commits reach the display through
// the change feed like any other (UI.changed); the status line re-reads
// the sync status after a sync and, a moment after the notebook changes,
// to count the changes not yet synced (syncstatus.go).

// Per-notebook preference keys of sync.
const (
	prefSyncAuto    = "sync.auto"    // bool: sync automatically
	prefSyncMinutes = "sync.minutes" // int: every N minutes
)

// defaultSyncMinutes is the automatic sync's interval until one is
// chosen; syncIntervals are those offered.
const defaultSyncMinutes = 15

var syncIntervals = []int{5, 10, 15, 30, 60}

// syncUI is the app's state of sync (Fyne goroutine only, except the
// timers' mutex-guarded fields).
type syncUI struct {
	ui *UI

	// status is the latest sync status read; hasRemote whether the
	// notebook syncs at all; known whether status was read; statusErr
	// the error of the latest read.
	status    notebook.SyncStatus
	hasRemote bool
	known     bool
	statusErr error
	// reading and again coalesce status reads.
	reading, again bool

	// running is set while a sync started here runs; cancel stops it.
	running bool
	cancel  context.CancelFunc
	// lastReport is the latest sync's report, lastErr its error (for
	// tests and the details dialog).
	lastReport notebook.SyncReport
	lastErr    error
	runs       int // syncs finished (tests)

	// The status line (syncstatus.go).
	line *syncLine

	// autoItem is the menu's "Sync automatically" item; menu its menu.
	autoItem *fyne.MenuItem
	menu     *fyne.Menu
	// setup is the open "Set up sync" dialog, statusShown the text of
	// the latest status dialog (for tests).
	setup       *syncSetup
	statusShown string

	// interval overrides the automatic sync's interval (tests).
	interval time.Duration
	// statusDelay is how long after a change the status is read again.
	statusDelay time.Duration

	mu         sync.Mutex
	autoTimer  *time.Timer // the next automatic sync
	autoGen    int         // numbers arms of autoTimer (guarded by mu)
	statusWait bool        // a status read is scheduled (guarded by mu)
	tickTimer  *time.Timer // re-renders "… min ago" (guarded by mu)
}

func newSyncUI(ui *UI) *syncUI {
	s := &syncUI{ui: ui, statusDelay: 2 * time.Second}
	s.line = newSyncLine(s)
	// Timers stop with the UI (notebook switch or quit).
	context.AfterFunc(ui.jobs.ctx, s.stopTimers)
	return s
}

// stopTimers stops the automatic sync and the status line's clock.
func (s *syncUI) stopTimers() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.autoGen++
	if s.autoTimer != nil {
		s.autoTimer.Stop()
		s.autoTimer = nil
	}
	if s.tickTimer != nil {
		s.tickTimer.Stop()
		s.tickTimer = nil
	}
}

// start reads the sync status once the window shows the notebook, and
// starts the automatic sync when it is on.
func (s *syncUI) start() { s.readStatus() }

// syncMenu is the Sync menu.
func (ui *UI) syncMenu() *fyne.Menu {
	s := ui.syncer
	s.autoItem = fyne.NewMenuItem(s.autoLabel(), s.toggleAuto)
	s.autoItem.Checked = s.autoOn()
	s.menu = fyne.NewMenu("Sync",
		ui.item("Sync now", key(fyne.KeyS, true), s.syncNow),
		ui.item("Sync status…", nil, s.showStatus),
		s.autoItem,
		fyne.NewMenuItemSeparator(),
		ui.item("Set up sync…", nil, func() { s.showSetup() }),
		ui.item("Your name for annotations…", nil, func() { ui.showIdentity() }),
	)
	ui.win.Canvas().AddShortcut(key(fyne.KeyS, true), func(sc fyne.Shortcut) { ui.runShortcut(sc) })
	return s.menu
}

// autoLabel is the menu item of the automatic sync.
func (s *syncUI) autoLabel() string {
	return fmt.Sprintf("Sync automatically every %d minutes", s.minutes())
}

// autoOn reports whether this notebook syncs automatically.
func (s *syncUI) autoOn() bool { return s.ui.prefs.Bool(prefKey(s.ui.nb.Path(), prefSyncAuto)) }

// minutes is the automatic sync's interval in minutes.
func (s *syncUI) minutes() int {
	m := s.ui.prefs.IntWithFallback(prefKey(s.ui.nb.Path(), prefSyncMinutes), defaultSyncMinutes)
	if m < 1 {
		m = defaultSyncMinutes
	}
	return m
}

// every is the automatic sync's interval.
func (s *syncUI) every() time.Duration {
	if s.interval > 0 {
		return s.interval
	}
	return time.Duration(s.minutes()) * time.Minute
}

// setAuto turns the automatic sync on or off for this notebook (every
// minutes when minutes > 0).
func (s *syncUI) setAuto(on bool, minutes int) {
	if minutes > 0 {
		s.ui.prefs.SetInt(prefKey(s.ui.nb.Path(), prefSyncMinutes), minutes)
	}
	s.ui.prefs.SetBool(prefKey(s.ui.nb.Path(), prefSyncAuto), on)
	if s.autoItem != nil {
		s.autoItem.Checked = on
		s.autoItem.Label = s.autoLabel()
		s.menu.Refresh()
	}
	s.armAuto()
	s.line.update()
}

// toggleAuto is the menu's checkbox.
func (s *syncUI) toggleAuto() {
	on := !s.autoOn()
	if on && s.known && !s.hasRemote {
		s.ui.notify.show("Set up sync first (Sync → Set up sync…); then Gloss syncs automatically.", s.showSetup, "Set up")
	}
	s.setAuto(on, 0)
}

// armAuto schedules the next automatic sync, when it is on and the
// notebook has a remote (none otherwise).
func (s *syncUI) armAuto() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.autoGen++
	gen := s.autoGen
	if s.autoTimer != nil {
		s.autoTimer.Stop()
		s.autoTimer = nil
	}
	if !s.autoOn() || !s.hasRemote || s.ui.jobs.stopped.Load() {
		return
	}
	s.autoTimer = time.AfterFunc(s.every(), func() {
		s.ui.post(func() {
			s.mu.Lock()
			current := gen == s.autoGen
			s.mu.Unlock()
			if current {
				s.autoSync()
			}
		})
	})
}

// autoSync runs the automatic sync, unless a sync is running (then the
// next one is armed).
func (s *syncUI) autoSync() {
	if s.running {
		s.armAuto()
		return
	}
	s.run(nil, true)
}

// syncNow is Sync → Sync now.
func (s *syncUI) syncNow() {
	if s.known && !s.hasRemote {
		s.showSetup()
		return
	}
	s.run(nil, false)
}

// syncInit is what "Set up sync" asks for.
type syncInit struct {
	remote string
	force  bool
}

// run starts a sync (a first one with init) in the background. A sync
// started while one runs is not started: from the menu, the user is told.
func (s *syncUI) run(init *syncInit, auto bool) {
	if s.running {
		if !auto {
			s.ui.notify.show("A sync is already running.", nil)
		}
		return
	}
	s.running = true
	ctx, cancel := context.WithCancel(s.ui.jobs.ctx)
	s.cancel = cancel
	s.line.update()
	nb := s.ui.nb
	s.ui.background(func(uiCtx context.Context) func() {
		defer cancel()
		var rep notebook.SyncReport
		var err error
		if init != nil {
			rep, err = nb.SyncInit(ctx, init.remote, init.force)
		} else {
			rep, err = nb.Sync(ctx)
		}
		if uiCtx.Err() != nil {
			return nil // the window moved on
		}
		st, serr := nb.SyncStatus(uiCtx)
		return func() {
			s.running, s.cancel = false, nil
			s.lastReport, s.lastErr = rep, err
			s.runs++
			s.setStatus(st, serr)
			s.finished(rep, err, init, auto)
			s.armAuto()
		}
	})
}

// cancelSync stops the running sync (the status line's Cancel).
func (s *syncUI) cancelSync() {
	if s.cancel != nil {
		s.cancel()
	}
}

// finished tells the user how a sync went: a notice with what was sent
// and received (Details lists the conflicts and what was refused), or the
// error in plain words — in a dialog for a sync they asked for, in the
// status line for an automatic one.
func (s *syncUI) finished(rep notebook.SyncReport, err error, init *syncInit, auto bool) {
	if errors.Is(err, notebook.ErrNotSyncing) && !auto {
		s.showSetup() // the notebook has no remote yet
		return
	}
	if err != nil {
		remote := s.status.Remote
		if init != nil {
			remote = init.remote
		}
		msg := syncErrorText(err.Error(), remote)
		if auto {
			s.ui.notify.show("Automatic sync failed: "+msg, s.showStatus, "Details")
			return
		}
		title := "Sync failed"
		if init != nil {
			title = "Sync was not set up"
		}
		s.ui.lastError = msg
		s.ui.modal(dialog.NewInformation(title, msg, s.ui.win))
		return
	}
	msg := syncReportText(rep)
	if len(rep.Conflicts)+len(rep.Refused)+len(rep.Skipped) > 0 {
		s.ui.notify.show(msg, func() { s.showReport(rep) }, "Details")
	} else {
		s.ui.notify.show(msg, nil)
	}
}

// syncReportText sums up a sync: "Synced with REMOTE: 3 changes sent,
// 2 received, 1 conflict resolved."
func syncReportText(rep notebook.SyncReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Synced with %s: %s sent, %d received", remoteName(rep.Remote), plural(rep.Sent, "change", "changes"), rep.Received)
	if n := len(rep.Conflicts); n > 0 {
		fmt.Fprintf(&b, ", %s resolved", plural(n, "conflict", "conflicts"))
	}
	if n := len(rep.Refused); n > 0 {
		fmt.Fprintf(&b, ", %s not taken", plural(n, "incoming file", "incoming files"))
	}
	if n := len(rep.Skipped); n > 0 {
		fmt.Fprintf(&b, ", %s not sent", plural(n, "record", "records"))
	}
	b.WriteString(".")
	return b.String()
}

// remoteName shortens a remote for a notice: a local path's last two
// elements, a URL as it is.
func remoteName(r string) string {
	if strings.HasPrefix(r, "/") {
		dir, base := filepath.Split(filepath.Clean(r))
		return filepath.Join(filepath.Base(dir), base)
	}
	return r
}

// showReport lists what a sync resolved, refused and did not send.
func (s *syncUI) showReport(rep notebook.SyncReport) {
	var b strings.Builder
	b.WriteString(syncReportText(rep))
	section := func(title string, lines []string) {
		if len(lines) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n\n%s:", title)
		for _, l := range lines {
			fmt.Fprintf(&b, "\n• %s", l)
		}
	}
	section("Changed on both sides, resolved by Gloss (what lost is in the version history or the trash)", rep.Conflicts)
	section("Incoming files not taken", rep.Refused)
	section("Records of this notebook not sent", rep.Skipped)
	text := widget.NewLabel(b.String())
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Sync details", "Close", container.NewVScroll(text), s.ui.win)
	d.Resize(s.ui.dialogSize(720, 520))
	s.ui.modal(d)
}

// syncSetup is the "Set up sync" dialog.
type syncSetup struct {
	remote   *widget.Entry
	force    *widget.Check
	auto     *widget.Check
	interval *widget.Select
	dlg      dialog.Dialog
	submit   func()
}

// showSetup opens the "Set up sync" dialog: the remote, what happens,
// the option to replace a remote the notebook already has, and the
// automatic sync.
func (s *syncUI) showSetup() {
	ui := s.ui
	f := &syncSetup{remote: widget.NewEntry()}
	f.remote.SetPlaceHolder("/shared/drive/notes.git or git@host:me/notes.git")
	f.remote.Validator = func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New("give the remote")
		}
		return nil
	}
	explain := widget.NewLabel("Gloss keeps a Git working copy beside the notebook (" + filepath.Base(notebook.SyncDir(ui.nb.Path())) +
		") and exchanges changes with the remote: a bare Git repository on a shared drive (a path), or an SSH or HTTPS address " +
		"(GitHub, GitLab, Gitea). Your Git's SSH keys and credential helpers apply.\n\n" +
		"The first sync sends this notebook to an empty remote, or merges it with the notebook the remote holds. " +
		"Changes made on both sides are merged field by field; what loses stays in the version history or the trash.")
	explain.Wrapping = fyne.TextWrapWord
	f.force = widget.NewCheck("Replace the current remote (start again with a new working copy)", nil)
	f.force.Hide()
	if s.hasRemote {
		f.remote.SetText(s.status.Remote)
		f.force.Text = "Replace the current remote, " + remoteName(s.status.Remote) + " (start again with a new working copy)"
		f.force.Show()
	}
	labels := make([]string, len(syncIntervals))
	for i, m := range syncIntervals {
		labels[i] = fmt.Sprintf("every %d minutes", m)
	}
	f.interval = widget.NewSelect(labels, nil)
	f.interval.SetSelected(fmt.Sprintf("every %d minutes", s.minutes()))
	if f.interval.Selected == "" {
		f.interval.SetSelectedIndex(2)
	}
	f.auto = widget.NewCheck("Sync automatically while Gloss is open", nil)
	f.auto.SetChecked(s.autoOn())
	body := container.NewVBox(explain, widget.NewForm(widget.NewFormItem("Remote", f.remote)), f.force,
		container.NewBorder(nil, nil, f.auto, nil, f.interval))
	f.submit = func() {
		remote := expandHome(strings.TrimSpace(f.remote.Text))
		if remote == "" {
			ui.showError(errors.New("set up sync: give the remote (a path or a URL)"))
			return
		}
		minutes := defaultSyncMinutes
		if i := f.interval.SelectedIndex(); i >= 0 {
			minutes = syncIntervals[i]
		}
		s.setAuto(f.auto.Checked, minutes)
		s.run(&syncInit{remote: remote, force: f.force.Checked}, false)
	}
	f.dlg = dialog.NewCustomConfirm("Set up sync", "Sync", "Cancel", body, func(ok bool) {
		if ok {
			f.submit()
		}
	}, ui.win)
	f.dlg.SetOnClosed(func() { s.setup = nil })
	f.dlg.Resize(ui.dialogSize(640, 460))
	s.setup = f
	ui.modal(f.dlg)
	ui.win.Canvas().Focus(f.remote)
}

// expandHome turns a leading "~/" into the home folder.
func expandHome(p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return p
}
