package export_test

import (
	"reflect"
	"testing"

	"github.com/glossnotes/gloss/notebook/export"
)

func TestAuthors(t *testing.T) {
	type N = export.Name
	tests := []struct {
		byline string
		want   []N
	}{
		{"By Anna Keller and Jon Ruiz, with Reuters and AP", []N{{Family: "Keller", Given: "Anna"}, {Family: "Ruiz", Given: "Jon"}}},
		{"Isaac Mugabi (with Reuters and AP)", []N{{Family: "Mugabi", Given: "Isaac"}}},
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
			if got := export.Authors(tt.byline); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Authors(%q) =\n %+v\nwant\n %+v", tt.byline, got, tt.want)
			}
		})
	}
}
