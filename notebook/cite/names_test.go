package cite_test

import (
	"reflect"
	"testing"

	"github.com/glossnotes/gloss/notebook/cite"
)

func TestAuthors_bylines(t *testing.T) {
	type N = cite.Name
	tests := []struct {
		byline string
		want   []N
	}{
		{"By Anna Keller and Jon Ruiz, with Reuters and AP", []N{{Family: "Keller", Given: "Anna"}, {Family: "Ruiz", Given: "Jon"}}},
		{"Amara Lindqvist (with Reuters and AP)", []N{{Family: "Lindqvist", Given: "Amara"}}},
		{"Anna Keller; additional reporting by Jon Ruiz", []N{{Family: "Keller", Given: "Anna"}}},
		{"Anna Keller in Bamako and Jon Ruiz in Dakar", []N{{Family: "Keller", Given: "Anna"}, {Family: "Ruiz", Given: "Jon"}}},
		{"Jon Ruiz, Africa correspondent", []N{{Family: "Ruiz", Given: "Jon"}}},
		{"Staff and agencies", nil},
		{"Our correspondent", nil},
		{"Anna Keller and agencies", []N{{Family: "Keller", Given: "Anna"}}},
		{"Reuters", []N{{Literal: "Reuters"}}},
		{"Reuters and AP", []N{{Literal: "Reuters"}, {Literal: "AP"}}},
		{"(with Reuters and AP)", []N{{Literal: "Reuters"}, {Literal: "AP"}}},
		{"Staff, with Reuters", []N{{Literal: "Reuters"}}},
		{"DW staff", []N{{Literal: "DW staff"}}},
		{"Associated Press", []N{{Literal: "Associated Press"}}},
		{"Agence France-Presse, AFP", []N{{Literal: "Agence France-Presse"}, {Literal: "AFP"}}},
		{"Ana María García-López", []N{{Family: "García-López", Given: "Ana María"}}},
		{"Por Ana María García-López", []N{{Family: "García-López", Given: "Ana María"}}},
		{"Jean-Claude van der Berg", []N{{Family: "van der Berg", Given: "Jean-Claude"}}},
		{"Ludwig van Beethoven; Marie Curie", []N{{Family: "van Beethoven", Given: "Ludwig"}, {Family: "Curie", Given: "Marie"}}},
		{"Martin Luther Okafor Jr.", []N{{Family: "Okafor", Given: "Martin Luther", Suffix: "Jr."}}},
		{"By Anna Keller.", []N{{Family: "Keller", Given: "Anna"}}},
		{"王小明", []N{{Family: "王", Given: "小明"}}},
		{"欧阳娜娜", []N{{Family: "欧阳", Given: "娜娜"}}},
		{"王 小明", []N{{Family: "王", Given: "小明"}}},
		{"김민준", []N{{Family: "김", Given: "민준"}}},
		{"محمد الأحمد", []N{{Family: "الأحمد", Given: "محمد"}}},
		{"Ирина Соколова, корреспондент", []N{{Family: "Соколова", Given: "Ирина"}}},
		{"Von Lena Vogt und Paul Brandt", []N{{Family: "Vogt", Given: "Lena"}, {Family: "Brandt", Given: "Paul"}}},
		{"Par Claire Dubois et Marc Petit", []N{{Family: "Dubois", Given: "Claire"}, {Family: "Petit", Given: "Marc"}}},
		{"Anna Keller | The Meridian Post", []N{{Family: "Keller", Given: "Anna"}}},
		{"the editorial board", []N{{Literal: "the editorial board"}}},
		{"", nil},
		{"   ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.byline, func(t *testing.T) {
			if got := cite.Authors(tt.byline); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Authors(%q) =\n %+v\nwant\n %+v", tt.byline, got, tt.want)
			}
		})
	}
}

func TestName_forms(t *testing.T) {
	tests := []struct {
		byline                     string
		display, inverted, initial string
	}{
		{"Amara Lindqvist (with Reuters and AP)", "Amara Lindqvist", "Lindqvist, Amara", "Lindqvist, A."},
		{"Jean-Claude van der Berg", "Jean-Claude van der Berg", "van der Berg, Jean-Claude", "van der Berg, J.-C."},
		{"Martin Luther Okafor Jr.", "Martin Luther Okafor Jr.", "Okafor, Martin Luther, Jr.", "Okafor, M. L., Jr."},
		{"王小明", "王小明", "王小明", "王小明"},
		{"DW staff", "DW staff", "DW staff", "DW staff"},
		{"Reuters", "Reuters", "Reuters", "Reuters"},
	}
	for _, tt := range tests {
		t.Run(tt.byline, func(t *testing.T) {
			names := cite.Authors(tt.byline)
			if len(names) != 1 {
				t.Fatalf("Authors(%q) = %+v, want one name", tt.byline, names)
			}
			n := names[0]
			if got := n.Display(); got != tt.display {
				t.Errorf("Display = %q, want %q", got, tt.display)
			}
			if got := n.Inverted(); got != tt.inverted {
				t.Errorf("Inverted = %q, want %q", got, tt.inverted)
			}
			if got := n.Initials(); got != tt.initial {
				t.Errorf("Initials = %q, want %q", got, tt.initial)
			}
		})
	}
}
