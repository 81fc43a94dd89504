package app

import (
	"strings"
	"testing"
)

// TestUI_Identity: "Your name for annotations" defaults to Git's user,
// records the chosen name on new highlights, is remembered and applied to
// the next notebook opened, and empty goes back to Git's.
func TestUI_Identity(t *testing.T) {
	old := identityDefault
	identityDefault = func() string { return "Git User <git@example.org>" }
	t.Cleanup(func() { identityDefault = old })
	h := newHarness(t, false)
	h.importSample()
	f := h.ui.showIdentity()
	h.settle()
	if f.name.PlaceHolder != "Git User <git@example.org>" {
		t.Errorf("placeholder %q, want Git's user", f.name.PlaceHolder)
	}
	f.name.SetText("Ama Reader <ama@example.org>")
	h.closeDialogs()
	f.save()
	h.settle()
	if got := h.nb.Identity(); got != "Ama Reader <ama@example.org>" {
		t.Errorf("identity %q", got)
	}
	if !strings.Contains(h.ui.notify.msg.Text, "Ama Reader") {
		t.Errorf("notice %q", h.ui.notify.msg.Text)
	}
	h.selectQuote(consignment)
	h.ui.reader.view.TypedRune('h')
	h.settle()
	if len(h.ui.curAnns) != 1 || h.ui.curAnns[0].Creator != "Ama Reader <ama@example.org>" {
		t.Errorf("new highlight %+v: want the chosen creator", h.ui.curAnns)
	}
	// Remembered: the next notebook opened gets it.
	h.nb.SetIdentity("someone else")
	h.ui.applyIdentity()
	if got := h.nb.Identity(); got != "Ama Reader <ama@example.org>" {
		t.Errorf("after applyIdentity: %q", got)
	}
	// Empty: back to Git's.
	f = h.ui.showIdentity()
	h.settle()
	if f.name.Text != "Ama Reader <ama@example.org>" {
		t.Errorf("the dialog shows %q", f.name.Text)
	}
	f.name.SetText("")
	h.closeDialogs()
	f.save()
	h.settle()
	if got := h.nb.Identity(); got != "Git User <git@example.org>" {
		t.Errorf("identity after clearing %q", got)
	}
}
