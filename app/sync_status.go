package app

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/glossnotes/gloss/notebook"
)

// The sync's status in plain words: the status line under the library
// ("Synced 2 min ago", "3 changes not synced", "Sync failed",
// "Syncing…" with Cancel), and Sync → Sync status….

// syncLine is the status line of sync; it is hidden while the notebook
// has no remote.
type syncLine struct {
	s      *syncUI
	label  *widget.Button // tapping it opens the status
	bar    *widget.ProgressBarInfinite
	cancel *widget.Button
	box    *fyne.Container
}

func newSyncLine(s *syncUI) *syncLine {
	l := &syncLine{s: s}
	l.label = widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), s.showStatus)
	l.label.Importance = widget.LowImportance
	l.label.Alignment = widget.ButtonAlignLeading
	l.bar = widget.NewProgressBarInfinite()
	l.bar.Stop()
	l.bar.Hide()
	l.cancel = widget.NewButtonWithIcon("", theme.CancelIcon(), s.cancelSync)
	l.cancel.Importance = widget.LowImportance
	l.cancel.Hide()
	l.box = container.NewBorder(nil, nil, nil, l.cancel, container.NewStack(l.bar, l.label))
	l.box.Hide()
	return l
}

// syncIndicator is the status line's object (placed under the library).
func (ui *UI) syncIndicator() fyne.CanvasObject { return ui.syncer.line.box }

// update shows the current state.
func (l *syncLine) update() {
	s := l.s
	if !s.running && (!s.known || !s.hasRemote) {
		l.box.Hide()
		return
	}
	l.box.Show()
	if s.running {
		l.label.SetText("Syncing…")
		l.label.SetIcon(theme.ViewRefreshIcon())
		l.bar.Show()
		l.bar.Start()
		l.cancel.Show()
		return
	}
	l.bar.Stop()
	l.bar.Hide()
	l.cancel.Hide()
	text, failed := syncLineText(s.status, s.statusErr, s.ui.now())
	l.label.SetText(text)
	if failed {
		l.label.SetIcon(theme.ErrorIcon())
	} else {
		l.label.SetIcon(theme.ViewRefreshIcon())
	}
	l.s.armTick()
}

// syncLineText is the status line's text, and whether it reports a
// failure: the latest failure when it came after the last sync, else the
// changes not yet sent, else when the last sync was.
func syncLineText(st notebook.SyncStatus, readErr error, now time.Time) (string, bool) {
	switch {
	case readErr != nil:
		return "Sync status unknown", true
	case syncFailedLast(st):
		return "Sync failed", true
	case st.Pending > 0:
		return plural(st.Pending, "change", "changes") + " not synced", false
	case st.Unpushed > 0:
		return "Changes not sent yet", false
	case st.LastSync.IsZero():
		return "Not synced yet", false
	}
	return "Synced " + ago(st.LastSync, now), false
}

// syncFailedLast reports whether the latest sync failed.
func syncFailedLast(st notebook.SyncStatus) bool {
	return st.LastError != "" && !st.ErrorAt.Before(st.LastSync)
}

// ago says how long ago t was: "just now", "1 min ago", "5 min ago",
// "2 hours ago", "yesterday", "3 days ago", or the date.
func ago(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	case d < 2*time.Hour:
		return "1 hour ago"
	case d < 24*time.Hour:
		return fmt.Sprintf("%d hours ago", int(d/time.Hour))
	case d < 48*time.Hour:
		return "yesterday"
	case d < 14*24*time.Hour:
		return fmt.Sprintf("%d days ago", int(d/(24*time.Hour)))
	}
	return "on " + t.Local().Format("2 January 2006")
}

// agoLong is ago in a sentence's words ("5 minutes ago").
func agoLong(t, now time.Time) string {
	return strings.Replace(ago(t, now), " min ", " minutes ", 1)
}

// armTick re-renders the status line in a while, so that "2 min ago"
// moves on (no reading: the time is known).
func (s *syncUI) armTick() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tickTimer != nil || s.ui.jobs.stopped.Load() {
		return
	}
	s.tickTimer = time.AfterFunc(30*time.Second, func() {
		s.mu.Lock()
		s.tickTimer = nil
		s.mu.Unlock()
		s.ui.post(func() {
			if !s.running {
				s.line.update()
			}
		})
	})
}

// readStatus reads the sync status in the background (one read at a time,
// one more after it when asked meanwhile). While a sync runs it reads
// nothing (the status opens the working copy the sync is writing); the
// sync reads it when it ends.
func (s *syncUI) readStatus() {
	if s.running {
		return
	}
	if s.reading {
		s.again = true
		return
	}
	s.reading = true
	nb := s.ui.nb
	s.ui.background(func(ctx context.Context) func() {
		st, err := nb.SyncStatus(ctx)
		if ctx.Err() != nil {
			return nil
		}
		return func() {
			s.reading = false
			s.setStatus(st, err)
			if s.again {
				s.again = false
				s.readStatus()
			}
		}
	})
}

// setStatus keeps a reading of the sync status and shows it.
func (s *syncUI) setStatus(st notebook.SyncStatus, err error) {
	wasRemote := s.hasRemote
	s.known = true
	switch {
	case errors.Is(err, notebook.ErrNotSyncing):
		s.hasRemote, s.statusErr, s.status = false, nil, notebook.SyncStatus{}
	case err != nil:
		// The remote is set (SyncStatus read it) but the working copy
		// could not be read.
		s.hasRemote, s.statusErr, s.status = st.Remote != "", err, st
	default:
		s.hasRemote, s.statusErr, s.status = true, nil, st
	}
	s.line.update()
	if s.hasRemote != wasRemote {
		s.armAuto()
	}
}

// syncChanged takes a change from the notebook's feed: the changes not
// yet synced are counted again a moment later (a burst of changes is
// counted once). A sync's own changes are counted when it ends.
func (ui *UI) syncChanged(notebook.Change) {
	s := ui.syncer
	if !s.hasRemote || s.running {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.statusWait {
		return
	}
	s.statusWait = true
	time.AfterFunc(s.statusDelay, func() {
		s.mu.Lock()
		s.statusWait = false
		s.mu.Unlock()
		ui.post(s.readStatus)
	})
}

// statusText is the Sync status dialog's text.
func syncStatusText(st notebook.SyncStatus, readErr error, auto string, now time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Remote: %s\n", st.Remote)
	if st.LastSync.IsZero() {
		b.WriteString("Last synced: never\n")
	} else {
		fmt.Fprintf(&b, "Last synced: %s (%s)\n", agoLong(st.LastSync, now), st.LastSync.Local().Format("2 Jan 2006 15:04"))
	}
	switch {
	case st.Pending == 0 && st.Unpushed == 0:
		b.WriteString("Changes not synced: none\n")
	default:
		fmt.Fprintf(&b, "Changes not synced: %s made here", plural(st.Pending, "change", "changes"))
		if st.Unpushed > 0 {
			fmt.Fprintf(&b, "; %s not yet sent to the remote", plural(st.Unpushed, "commit", "commits"))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "Automatic sync: %s\n", auto)
	if readErr != nil {
		fmt.Fprintf(&b, "\nThe status could not be read completely: %s\n", syncErrorText(readErr.Error(), st.Remote))
	}
	if st.LastError != "" {
		when := ""
		if !st.ErrorAt.IsZero() {
			when = " (" + agoLong(st.ErrorAt, now) + ")"
		}
		if syncFailedLast(st) {
			fmt.Fprintf(&b, "\nThe last sync failed%s: %s\n", when, syncErrorText(st.LastError, st.Remote))
		} else {
			fmt.Fprintf(&b, "\nAn earlier sync failed%s; the last one succeeded.\n", when)
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// showStatus opens Sync → Sync status… (after reading the status again,
// unless a sync is running: then with the status last read).
func (s *syncUI) showStatus() {
	if s.running {
		s.statusDialog()
		return
	}
	nb := s.ui.nb
	s.ui.background(func(ctx context.Context) func() {
		st, err := nb.SyncStatus(ctx)
		if ctx.Err() != nil {
			return nil
		}
		return func() {
			if !s.running {
				s.setStatus(st, err)
			}
			s.statusDialog()
		}
	})
}

// statusDialog shows the status last read.
func (s *syncUI) statusDialog() {
	if !s.hasRemote {
		s.ui.confirmSetup()
		return
	}
	auto := "off"
	if s.autoOn() {
		auto = fmt.Sprintf("every %d minutes while Gloss is open", s.minutes())
	}
	text := syncStatusText(s.status, s.statusErr, auto, s.ui.now())
	if s.running {
		text = "A sync is running now.\n\n" + text
	}
	s.statusShown = text
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Sync status", "Sync now", "Close", container.NewVScroll(l), func(ok bool) {
		if ok {
			s.syncNow()
		}
	}, s.ui.win)
	d.Resize(s.ui.dialogSize(640, 340))
	s.ui.modal(d)
}

// confirmSetup offers to set up sync for a notebook without a remote.
func (ui *UI) confirmSetup() {
	ui.confirm("Sync status", "This notebook does not sync yet. Set up sync with a Git remote now?", func(ok bool) {
		if ok {
			ui.syncer.showSetup()
		}
	})
}

// Git's messages, recognised to say in plain words what went wrong.
var (
	gitUnreachable = regexp.MustCompile(`(?i)could not resolve host|could not read from remote repository|does not appear to be a git repository|connection (refused|timed out)|network is unreachable|no route to host|repository .* not found|not found|no such file or directory|unable to access`)
	gitAuth        = regexp.MustCompile(`(?i)authentication failed|permission denied|could not read username|terminal prompts disabled|host key verification failed`)
	gitRejected    = regexp.MustCompile(`(?i)\[rejected\]|non-fast-forward|failed to push`)
	gitMissing     = regexp.MustCompile(`(?i)executable file not found|"git": not found`)
)

// syncErrorText turns a sync error (git's own message inside) into a
// sentence the user understands, keeping the essential detail; remote
// names the remote ("" when unknown).
func syncErrorText(msg, remote string) string {
	detail := gitDetail(msg)
	where := ""
	if remote != "" {
		where = " (" + remote + ")"
	}
	switch {
	case strings.Contains(msg, "context canceled"):
		return "The sync was cancelled."
	case gitMissing.MatchString(msg):
		return "Git is not installed (or not on the PATH): Gloss syncs with your system's git. Install it and try again."
	case strings.Contains(msg, "already syncs with"):
		return "This notebook already syncs with another remote. To change it, tick “Replace the current remote” in Set up sync."
	case gitAuth.MatchString(msg):
		return "The remote" + where + " refused your credentials: " + detail + ". Check your SSH key or Git credentials for this remote."
	case gitRejected.MatchString(msg):
		return "The remote" + where + " did not take the changes (someone else pushed meanwhile, or the branch is protected): " + detail + ". Sync again."
	case gitUnreachable.MatchString(msg):
		return "The remote" + where + " could not be reached: " + detail + ". Check the path or address, that the repository exists, and your network."
	case strings.Contains(msg, "kept changing"):
		return "The remote or the notebook kept changing during the sync. Try again in a moment."
	}
	return "The sync failed: " + detail + "."
}

// gitDetail picks the telling line of an error: git's "fatal:" or
// "error:" line without its prefix, else the message after the last
// command line, cut short.
func gitDetail(msg string) string {
	for _, line := range strings.Split(msg, "\n") {
		for _, p := range []string{"fatal: ", "error: ", "remote: "} {
			if i := strings.Index(line, p); i >= 0 {
				if d := strings.TrimSpace(line[i+len(p):]); d != "" && !strings.HasPrefix(d, "'origin'") {
					return strings.TrimSuffix(clipRunes(d, 160), ".")
				}
			}
		}
	}
	first := strings.TrimSpace(strings.Split(msg, "\n")[0])
	first = strings.TrimPrefix(first, "sync init: ")
	first = strings.TrimPrefix(first, "sync: ")
	// Drop the git command line ("git fetch --quiet …: exit status 128: ").
	if i := strings.LastIndex(first, "exit status "); i >= 0 {
		if j := strings.Index(first[i:], ": "); j >= 0 {
			first = first[i+j+2:]
		}
	}
	return strings.TrimSuffix(clipRunes(first, 160), ".")
}
