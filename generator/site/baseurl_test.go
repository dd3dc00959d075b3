package site

import "testing"

func TestNormalizeBaseURL(t *testing.T) {
	tests := []struct {
		in, want string
		wantErr  bool
	}{
		{"", "", false},
		{"https://corp.example/docs", "https://corp.example/docs/", false},
		{"https://corp.example/docs/", "https://corp.example/docs/", false},
		{"https://corp.example", "https://corp.example/", false},
		{"http://127.0.0.1:8080/", "http://127.0.0.1:8080/", false},
		{"https://corp.example/a%20b", "https://corp.example/a%20b/", false},
		{"ftp://x y", "", true},
		{"ftp://corp.example/", "", true},
		{"/docs/", "", true},
		{"corp.example/docs", "", true},
		{"https:///docs", "", true},
		{"https://corp.example/docs/?q=1#frag", "", true},
		{"https://corp.example/docs/#frag", "", true},
		{"javascript:alert(1)", "", true},
	}
	for _, tt := range tests {
		got, err := NormalizeBaseURL(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("NormalizeBaseURL(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}
