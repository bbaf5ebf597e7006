// helm-render renders a Helm chart the way `helm template` does — Go's text/template, the Sprig
// functions and Helm's own (include, tpl, required, toYaml, fromYaml, toJson, lookup) over
// .Values, .Chart, .Release and .Capabilities — for machines where Helm itself cannot be
// installed (it is not packaged in Debian bookworm). It builds from Debian's golang-go,
// golang-github-masterminds-sprig-dev and golang-k8s-sigs-yaml-dev in GOPATH mode.
//
// It is not Helm: no dependencies (subcharts), no schema (values.schema.json), no NOTES.txt,
// no `lookup` against a cluster, `.Files` without globbing. docs/deploy.md says so.
//
//	helm-render <chart dir> [-f values.yaml]... [--set a.b=c]... [--name release] [--namespace ns]
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"sigs.k8s.io/yaml"
)

func readYAML(path string) map[string]interface{} {
	raw, err := os.ReadFile(path)
	if err != nil {
		fail("%v", err)
	}
	out := map[string]interface{}{}
	if err := yaml.Unmarshal(raw, &out); err != nil {
		fail("%s: %v", path, err)
	}
	return out
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "helm-render: "+format+"\n", args...)
	os.Exit(1)
}

// merge copies src over dst, recursing into maps (Helm's coalescing of values files).
func merge(dst, src map[string]interface{}) map[string]interface{} {
	for k, v := range src {
		if sm, ok := v.(map[string]interface{}); ok {
			if dm, ok := dst[k].(map[string]interface{}); ok {
				dst[k] = merge(dm, sm)
				continue
			}
		}
		dst[k] = v
	}
	return dst
}

// set applies one --set a.b.c=value (strings, true/false, integers).
func set(values map[string]interface{}, expr string) {
	eq := strings.Index(expr, "=")
	if eq < 0 {
		fail("--set %q: want key=value", expr)
	}
	var v interface{} = expr[eq+1:]
	if err := yaml.Unmarshal([]byte(expr[eq+1:]), &v); err != nil {
		v = expr[eq+1:]
	}
	keys := strings.Split(expr[:eq], ".")
	m := values
	for _, k := range keys[:len(keys)-1] {
		next, ok := m[k].(map[string]interface{})
		if !ok {
			next = map[string]interface{}{}
			m[k] = next
		}
		m = next
	}
	m[keys[len(keys)-1]] = v
}

func toYAML(v interface{}) string {
	out, err := yaml.Marshal(v)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(out), "\n")
}

func main() {
	if len(os.Args) < 2 {
		fail("usage: helm-render <chart dir> [-f values.yaml]... [--set k=v]... [--name n] [--namespace ns]")
	}
	chartDir := os.Args[1]
	values := readYAML(filepath.Join(chartDir, "values.yaml"))
	release := map[string]interface{}{"Name": "qatys", "Namespace": "default", "Service": "Helm", "IsInstall": true, "IsUpgrade": false, "Revision": 1}
	for i := 2; i < len(os.Args); i++ {
		switch os.Args[i] {
		case "-f", "--values":
			i++
			values = merge(values, readYAML(os.Args[i]))
		case "--set":
			i++
			set(values, os.Args[i])
		case "--name":
			i++
			release["Name"] = os.Args[i]
		case "--namespace", "-n":
			i++
			release["Namespace"] = os.Args[i]
		default:
			fail("unknown argument %q", os.Args[i])
		}
	}
	meta := readYAML(filepath.Join(chartDir, "Chart.yaml"))
	chart := map[string]interface{}{}
	for k, v := range meta {
		chart[strings.ToUpper(k[:1])+k[1:]] = v
	}
	top := map[string]interface{}{
		"Values":       values,
		"Chart":        chart,
		"Release":      release,
		"Capabilities": map[string]interface{}{"KubeVersion": map[string]interface{}{"Version": "v1.30.0", "Major": "1", "Minor": "30"}, "APIVersions": []string{}},
		"Template":     map[string]interface{}{"BasePath": chart["Name"].(string) + "/templates"},
	}

	t := template.New("chart")
	funcs := sprig.TxtFuncMap()
	delete(funcs, "env")
	delete(funcs, "expandenv")
	includes := 0
	funcs["include"] = func(name string, data interface{}) (string, error) {
		includes++
		if includes > 1000 {
			return "", fmt.Errorf("include: too deep at %s", name)
		}
		defer func() { includes-- }()
		var b bytes.Buffer
		err := t.ExecuteTemplate(&b, name, data)
		return b.String(), err
	}
	funcs["tpl"] = func(text string, data interface{}) (string, error) {
		c, err := t.Clone()
		if err != nil {
			return "", err
		}
		tt, err := c.New("tpl").Parse(text)
		if err != nil {
			return "", err
		}
		var b bytes.Buffer
		err = tt.Execute(&b, data)
		return b.String(), err
	}
	funcs["required"] = func(msg string, v interface{}) (interface{}, error) {
		if v == nil || v == "" {
			return nil, fmt.Errorf("%s", msg)
		}
		if m, ok := v.(map[string]interface{}); ok && len(m) == 0 {
			return nil, fmt.Errorf("%s", msg)
		}
		return v, nil
	}
	funcs["toYaml"] = toYAML
	funcs["fromYaml"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := yaml.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	funcs["toJson"] = func(v interface{}) string {
		out, _ := yaml.YAMLToJSON([]byte(toYAML(v)))
		return string(out)
	}
	funcs["lookup"] = func(string, string, string, string) map[string]interface{} { return map[string]interface{}{} }
	t.Funcs(funcs).Option("missingkey=zero")

	files, _ := filepath.Glob(filepath.Join(chartDir, "templates", "*"))
	sort.Strings(files)
	var rendered []string
	for _, f := range files {
		if strings.HasSuffix(f, ".txt") {
			continue
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			fail("%v", err)
		}
		name := chart["Name"].(string) + "/templates/" + filepath.Base(f)
		if _, err := t.New(name).Parse(string(raw)); err != nil {
			fail("%v", err)
		}
		if !strings.HasPrefix(filepath.Base(f), "_") {
			rendered = append(rendered, name)
		}
	}
	for _, name := range rendered {
		var b bytes.Buffer
		if err := t.ExecuteTemplate(&b, name, top); err != nil {
			fail("%v", err)
		}
		out := strings.ReplaceAll(b.String(), "<no value>", "")
		if strings.TrimSpace(out) == "" {
			continue
		}
		fmt.Printf("---\n# Source: %s\n%s\n", name, strings.TrimSpace(out))
	}
}
