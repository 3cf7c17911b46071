package deploy_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer/json"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/kustomize/api/krusty"
	kusttypes "sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/yaml"
)

var k8sDir = filepath.Join(repoRoot, "deploy", "k8s")

// kustomizations are the directories `kubectl apply -k` takes.
var kustomizations = []string{"base", "overlays/production"}

// strictDecoder decodes YAML into the typed API objects and fails on unknown or duplicate
// fields, as the API server's strict field validation does.
func strictDecoder(t *testing.T) runtime.Decoder {
	t.Helper()
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{
		corev1.AddToScheme, appsv1.AddToScheme, batchv1.AddToScheme, policyv1.AddToScheme,
		autoscalingv2.AddToScheme, networkingv1.AddToScheme,
	} {
		require.NoError(t, add(scheme))
	}
	return json.NewSerializerWithOptions(json.DefaultMetaFactory, scheme, scheme,
		json.SerializerOptions{Yaml: true, Strict: true})
}

// decodeAll splits a multi-document YAML stream and decodes each document strictly.
func decodeAll(t *testing.T, dec runtime.Decoder, name string, data []byte) []runtime.Object {
	t.Helper()
	r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	var out []runtime.Object
	for {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		require.NoError(t, err, name)
		if len(bytes.TrimSpace(stripComments(doc))) == 0 {
			continue
		}
		obj, _, err := dec.Decode(doc, nil, nil)
		require.NoError(t, err, "%s: %s", name, firstLine(doc))
		out = append(out, obj)
	}
}

// TestK8sManifestsDecodeStrictly: every file under deploy/k8s is either a Kustomization (decoded
// strictly into kustomize's type) or manifests that decode strictly into k8s.io/api types.
func TestK8sManifestsDecodeStrictly(t *testing.T) {
	dec := strictDecoder(t)
	var files int
	err := filepath.WalkDir(k8sDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
			return err
		}
		files++
		rel, _ := filepath.Rel(k8sDir, path)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			if d.Name() == "kustomization.yaml" {
				var k kusttypes.Kustomization
				require.NoError(t, yaml.UnmarshalStrict(data, &k))
				require.Equal(t, kusttypes.KustomizationKind, k.Kind)
				return
			}
			require.NotEmpty(t, decodeAll(t, dec, rel, data))
		})
		return nil
	})
	require.NoError(t, err)
	require.Greater(t, files, 5)
}

// built is the output of `kustomize build` for one kustomization, decoded into typed objects.
type built struct {
	deployments map[string]*appsv1.Deployment
	services    map[string]*corev1.Service
	pdbs        []*policyv1.PodDisruptionBudget
	hpas        map[string]*autoscalingv2.HorizontalPodAutoscaler
	jobs        map[string]*batchv1.Job
	configMaps  map[string]*corev1.ConfigMap
	policies    []*networkingv1.NetworkPolicy
}

func kustomizeBuild(t *testing.T, dir string) built {
	t.Helper()
	k := krusty.MakeKustomizer(krusty.MakeDefaultOptions())
	rm, err := k.Run(filesys.MakeFsOnDisk(), filepath.Join(k8sDir, dir))
	require.NoError(t, err, "kustomize build %s", dir)
	out, err := rm.AsYaml()
	require.NoError(t, err)
	b := built{
		deployments: map[string]*appsv1.Deployment{}, services: map[string]*corev1.Service{},
		hpas: map[string]*autoscalingv2.HorizontalPodAutoscaler{}, jobs: map[string]*batchv1.Job{},
		configMaps: map[string]*corev1.ConfigMap{},
	}
	for _, obj := range decodeAll(t, strictDecoder(t), "kustomize build "+dir, out) {
		switch o := obj.(type) {
		case *appsv1.Deployment:
			b.deployments[o.Name] = o
		case *corev1.Service:
			b.services[o.Name] = o
		case *policyv1.PodDisruptionBudget:
			b.pdbs = append(b.pdbs, o)
		case *autoscalingv2.HorizontalPodAutoscaler:
			b.hpas[o.Spec.ScaleTargetRef.Name] = o
		case *batchv1.Job:
			b.jobs[o.Name] = o
		case *corev1.ConfigMap:
			b.configMaps[o.Name] = o
		case *networkingv1.NetworkPolicy:
			b.policies = append(b.policies, o)
		}
	}
	return b
}

// containerEnv is every variable a container gets: env entries and the keys of the ConfigMaps
// it takes whole (Secrets are referenced key by key, so their names are in env).
func (b built) containerEnv(t *testing.T, c corev1.Container) map[string]bool {
	t.Helper()
	env := map[string]bool{}
	for _, e := range c.Env {
		env[e.Name] = true
	}
	for _, from := range c.EnvFrom {
		require.Nil(t, from.SecretRef, "%s: reference Secrets key by key, so each role gets only its own", c.Name)
		require.NotNil(t, from.ConfigMapRef)
		cm, ok := b.configMaps[from.ConfigMapRef.Name]
		require.True(t, ok, "%s: envFrom names ConfigMap %s, which the build does not contain", c.Name, from.ConfigMapRef.Name)
		for k := range cm.Data {
			env[from.Prefix+k] = true
		}
	}
	return env
}

func TestK8sKustomizeBuild(t *testing.T) {
	for _, dir := range kustomizations {
		t.Run(dir, func(t *testing.T) {
			b := kustomizeBuild(t, dir)
			for _, role := range roles {
				t.Run(role, func(t *testing.T) { checkRole(t, b, role) })
			}
			for _, svc := range services {
				t.Run("migrate-"+svc, func(t *testing.T) { checkMigrationJob(t, b, svc) })
			}
			t.Run("network policies", func(t *testing.T) { checkNetworkPolicies(t, b) })
			t.Run("secrets documented", func(t *testing.T) { checkSecretsDocumented(t, b) })
		})
	}
}

func checkRole(t *testing.T, b built, role string) {
	d, ok := b.deployments[role]
	require.True(t, ok, "no Deployment %s", role)
	spec := d.Spec.Template.Spec
	require.Len(t, spec.Containers, 1)
	c := spec.Containers[0]
	require.Equal(t, []string{"serve", role}, c.Args)
	require.Empty(t, c.Command, "the image's ENTRYPOINT is the binary")
	require.NotEqual(t, "fitcoach", c.Image, "the images transformer must rewrite the image name")

	// Security: what the restricted Pod Security Standard asks for.
	require.NotNil(t, spec.SecurityContext.RunAsNonRoot)
	require.True(t, *spec.SecurityContext.RunAsNonRoot)
	require.NotNil(t, c.SecurityContext)
	require.False(t, *c.SecurityContext.AllowPrivilegeEscalation)
	require.True(t, *c.SecurityContext.ReadOnlyRootFilesystem)
	require.Equal(t, []corev1.Capability{"ALL"}, c.SecurityContext.Capabilities.Drop)

	// Resources: requests for scheduling and the HPA, a memory limit against leaks.
	require.False(t, c.Resources.Requests.Cpu().IsZero(), "cpu request")
	require.False(t, c.Resources.Requests.Memory().IsZero(), "memory request")
	require.False(t, c.Resources.Limits.Memory().IsZero(), "memory limit")

	// Probes: gRPC health for services, /healthz and /readyz for the gateway.
	require.NotNil(t, c.ReadinessProbe)
	require.NotNil(t, c.LivenessProbe)
	env := b.containerEnv(t, c)
	cm := b.configMaps[c.EnvFrom[0].ConfigMapRef.Name].Data
	if role == "gateway" {
		require.NotNil(t, c.ReadinessProbe.HTTPGet)
		require.Equal(t, "/readyz", c.ReadinessProbe.HTTPGet.Path)
		require.NotNil(t, c.LivenessProbe.HTTPGet)
		require.Equal(t, "/healthz", c.LivenessProbe.HTTPGet.Path)
		require.Equal(t, "0.0.0.0:8080", cm["FITCOACH_HTTP_ADDR"])
		require.Equal(t, int32(8080), c.Ports[0].ContainerPort)
	} else {
		for _, p := range []*corev1.Probe{c.ReadinessProbe, c.LivenessProbe} {
			require.NotNil(t, p.GRPC, "%s probes must use the gRPC health protocol", role)
			require.Equal(t, int32(9090), p.GRPC.Port)
		}
		require.Equal(t, "0.0.0.0:9090", cm["FITCOACH_GRPC_ADDR"])
		require.Equal(t, int32(9090), c.Ports[0].ContainerPort)
	}

	// Metrics: the pod says where Prometheus scrapes it, and that is where the role serves them
	// (the gateway on its HTTP port, a service on FITCOACH_METRICS_ADDR, a named port).
	ann := d.Spec.Template.Annotations
	require.Equal(t, "true", ann["prometheus.io/scrape"], "%s is not scraped", role)
	require.Equal(t, "/metrics", ann["prometheus.io/path"])
	metricsPort := "8080"
	if role != "gateway" {
		_, metricsPort, _ = strings.Cut(cm["FITCOACH_METRICS_ADDR"], ":")
		require.NotEmpty(t, metricsPort, "FITCOACH_METRICS_ADDR must name a port for the services")
		i := slices.IndexFunc(c.Ports, func(p corev1.ContainerPort) bool { return p.Name == "metrics" })
		require.GreaterOrEqual(t, i, 0, "%s declares no metrics port", role)
		require.Equal(t, metricsPort, fmt.Sprint(c.Ports[i].ContainerPort))
	}
	require.Equal(t, metricsPort, ann["prometheus.io/port"])

	// Every variable the role's code reads comes from the ConfigMap or a Secret reference.
	for _, v := range roleVars(t, role) {
		require.True(t, env[v.Name], "Deployment %s does not get %s (declared at %v): go test ./deploy -update adds it to base/config.env; a credential needs a secretKeyRef",
			role, v.Name, v.Sources)
	}
	for _, e := range c.Env {
		if e.ValueFrom != nil && e.ValueFrom.ResourceFieldRef != nil {
			continue // Go runtime settings (GOMEMLIMIT) from the container's own limits
		}
		_, known := codeVars(t)[e.Name]
		require.True(t, known, "Deployment %s sets %s, which no code reads", role, e.Name)
	}
	// Credentials come from Secrets, never from the ConfigMap every role reads.
	for key := range cm {
		require.False(t, looksSecret(key), "%s is a credential: reference it from a Secret, not fitcoach-config", key)
	}
	for _, v := range roleVars(t, role) {
		if looksSecret(v.Name) {
			require.NotNil(t, envSecret(c, v.Name), "Deployment %s must take %s from a Secret", role, v.Name)
		}
	}
	if slices.Contains(services, role) {
		ref := envSecret(c, "DATABASE_URL")
		require.NotNil(t, ref, "%s must take DATABASE_URL from a Secret", role)
		require.Equal(t, "fitcoach-"+role+"-db", ref.Name, "each service has its own database Secret")
	}

	// Service, disruption budget and autoscaler.
	s, ok := b.services[role]
	require.True(t, ok, "no Service %s", role)
	require.Equal(t, d.Spec.Selector.MatchLabels, s.Spec.Selector)
	podLabels := labels.Set(d.Spec.Template.Labels)
	var pdb *policyv1.PodDisruptionBudget
	for _, p := range b.pdbs {
		sel, err := metav1.LabelSelectorAsSelector(p.Spec.Selector)
		require.NoError(t, err)
		if sel.Matches(podLabels) {
			pdb = p
		}
	}
	require.NotNil(t, pdb, "no PodDisruptionBudget selects %s", role)
	hpa, ok := b.hpas[role]
	require.True(t, ok, "no HorizontalPodAutoscaler for %s", role)
	require.Equal(t, "Deployment", hpa.Spec.ScaleTargetRef.Kind)
	require.GreaterOrEqual(t, *hpa.Spec.MinReplicas, int32(2), "one replica cannot survive a disruption")
	if pdb.Spec.MinAvailable != nil {
		require.Less(t, pdb.Spec.MinAvailable.IntValue(), int(*hpa.Spec.MinReplicas), "the PDB must allow a drain")
	}
}

// looksSecret reports whether a variable carries a credential: a key, secret, token, password,
// or a URL that embeds the database or Redis password.
func looksSecret(name string) bool {
	if name == "DATABASE_URL" || name == "REDIS_URL" {
		return true
	}
	words := strings.Split(name, "_")
	for _, w := range []string{"SECRET", "PASSWORD", "TOKEN"} {
		if slices.Contains(words, w) {
			return true
		}
	}
	return strings.Contains(name, "API_KEY") || strings.Contains(name, "ACCESS_KEY")
}

func envSecret(c corev1.Container, name string) *corev1.SecretKeySelector {
	for _, e := range c.Env {
		if e.Name == name && e.ValueFrom != nil {
			return e.ValueFrom.SecretKeyRef
		}
	}
	return nil
}

func checkMigrationJob(t *testing.T, b built, svc string) {
	j, ok := b.jobs["migrate-"+svc]
	require.True(t, ok, "no migrations Job for %s", svc)
	spec := j.Spec.Template.Spec
	require.Equal(t, corev1.RestartPolicyNever, spec.RestartPolicy)
	require.Len(t, spec.Containers, 1)
	c := spec.Containers[0]
	require.Equal(t, []string{"migrate", svc, "up"}, c.Args)
	ref := envSecret(c, "DATABASE_URL")
	require.NotNil(t, ref)
	require.Equal(t, envSecret(b.deployments[svc].Spec.Template.Spec.Containers[0], "DATABASE_URL"), ref,
		"the Job migrates the database the service uses")
}

// checkSecretsDocumented: the overlay's instructions create every Secret key the manifests
// reference, so an operator following them gets pods that start.
func checkSecretsDocumented(t *testing.T, b built) {
	doc, err := os.ReadFile(filepath.Join(k8sDir, "overlays", "production", "kustomization.yaml"))
	require.NoError(t, err)
	var containers []corev1.Container
	for _, d := range b.deployments {
		containers = append(containers, d.Spec.Template.Spec.Containers...)
	}
	for _, j := range b.jobs {
		containers = append(containers, j.Spec.Template.Spec.Containers...)
	}
	for _, c := range containers {
		for _, e := range c.Env {
			if e.ValueFrom == nil || e.ValueFrom.SecretKeyRef == nil {
				continue
			}
			ref := e.ValueFrom.SecretKeyRef
			require.Contains(t, string(doc), "create secret generic "+ref.Name+" ", "the overlay does not say how to create Secret %s", ref.Name)
			require.Contains(t, string(doc), "--from-literal="+ref.Key+"=", "the overlay does not say how to set %s in Secret %s", ref.Key, ref.Name)
		}
	}
}

// peer is one end of a connection for the NetworkPolicy evaluation.
type peer struct {
	namespace labels.Set // nil: the fitcoach namespace
	pod       labels.Set // nil: outside the cluster
}

func podPeer(b built, name string) peer {
	if d, ok := b.deployments[name]; ok {
		return peer{pod: d.Spec.Template.Labels}
	}
	return peer{pod: b.jobs[name].Spec.Template.Labels}
}

var (
	external = peer{}
	kubeDNS  = peer{namespace: labels.Set{"kubernetes.io/metadata.name": "kube-system"}, pod: labels.Set{"k8s-app": "kube-dns"}}
)

func selects(t *testing.T, sel *metav1.LabelSelector, set labels.Set) bool {
	t.Helper()
	s, err := metav1.LabelSelectorAsSelector(sel)
	require.NoError(t, err)
	return s.Matches(set)
}

// peerMatches evaluates one NetworkPolicyPeer against p as the Kubernetes API defines it.
func peerMatches(t *testing.T, np networkingv1.NetworkPolicyPeer, p peer) bool {
	switch {
	case np.IPBlock != nil:
		return p.pod == nil
	case p.pod == nil:
		return false
	case np.NamespaceSelector != nil:
		if p.namespace == nil || !selects(t, np.NamespaceSelector, p.namespace) {
			return false
		}
		return np.PodSelector == nil || selects(t, np.PodSelector, p.pod)
	default:
		return p.namespace == nil && selects(t, np.PodSelector, p.pod)
	}
}

func portMatches(ports []networkingv1.NetworkPolicyPort, port int) bool {
	if len(ports) == 0 {
		return true
	}
	for _, p := range ports {
		if p.Port == nil || p.Port.IntValue() == port {
			return true
		}
	}
	return false
}

// allowed reports whether the policies let from open a TCP/UDP connection to port on to,
// following the NetworkPolicy semantics: a pod selected by a policy of a direction is isolated
// in it, and then only what some rule allows passes; both directions must allow.
func allowed(t *testing.T, policies []*networkingv1.NetworkPolicy, from, to peer, port int) bool {
	t.Helper()
	check := func(pod labels.Set, dir networkingv1.PolicyType, other peer) bool {
		if pod == nil {
			return true // outside the namespace: not governed by these policies
		}
		isolated := false
		for _, np := range policies {
			if !slices.Contains(np.Spec.PolicyTypes, dir) || !selects(t, &np.Spec.PodSelector, pod) {
				continue
			}
			isolated = true
			if dir == networkingv1.PolicyTypeIngress {
				for _, r := range np.Spec.Ingress {
					if portMatches(r.Ports, port) && (len(r.From) == 0 || slices.ContainsFunc(r.From, func(p networkingv1.NetworkPolicyPeer) bool { return peerMatches(t, p, other) })) {
						return true
					}
				}
			} else {
				for _, r := range np.Spec.Egress {
					if portMatches(r.Ports, port) && (len(r.To) == 0 || slices.ContainsFunc(r.To, func(p networkingv1.NetworkPolicyPeer) bool { return peerMatches(t, p, other) })) {
						return true
					}
				}
			}
		}
		return !isolated
	}
	fromPod, toPod := from.pod, to.pod
	if from.namespace != nil {
		fromPod = nil
	}
	if to.namespace != nil {
		toPod = nil
	}
	return check(fromPod, networkingv1.PolicyTypeEgress, to) && check(toPod, networkingv1.PolicyTypeIngress, from)
}

func checkNetworkPolicies(t *testing.T, b built) {
	p := b.policies
	gateway := podPeer(b, "gateway")
	require.True(t, allowed(t, p, external, gateway, 8080), "the gateway must be reachable from outside")
	for _, svc := range services {
		s := podPeer(b, svc)
		require.False(t, allowed(t, p, external, s, 9090), "%s must not be reachable from outside", svc)
		require.True(t, allowed(t, p, gateway, s, 9090), "the gateway must reach %s", svc)
		for _, other := range services {
			if other != svc {
				require.True(t, allowed(t, p, podPeer(b, other), s, 9090), "%s must reach %s", other, svc)
			}
		}
		require.False(t, allowed(t, p, podPeer(b, "migrate-"+svc), s, 9090), "migrations need no service")
		require.False(t, allowed(t, p, s, gateway, 8080), "services never call the gateway")
		require.True(t, allowed(t, p, s, external, 5432), "%s must reach PostgreSQL", svc)
		require.True(t, allowed(t, p, s, external, 6379), "%s must reach Redis", svc)
		require.True(t, allowed(t, p, s, kubeDNS, 53), "%s must resolve names", svc)
		require.True(t, allowed(t, p, podPeer(b, "migrate-"+svc), external, 5432), "migrate-%s must reach PostgreSQL", svc)
	}
	prometheus := peer{namespace: labels.Set{"kubernetes.io/metadata.name": "monitoring"}, pod: labels.Set{"app.kubernetes.io/name": "prometheus"}}
	for _, svc := range services {
		s := podPeer(b, svc)
		require.True(t, allowed(t, p, prometheus, s, 9100), "Prometheus must scrape %s", svc)
		require.False(t, allowed(t, p, prometheus, s, 9090), "Prometheus has no business with %s's API", svc)
		require.False(t, allowed(t, p, external, s, 9100), "%s's metrics are not public", svc)
	}
	require.True(t, allowed(t, p, prometheus, gateway, 8080), "Prometheus must scrape the gateway")
	require.False(t, allowed(t, p, gateway, external, 5432), "the gateway has no database")
	require.False(t, allowed(t, p, external, podPeer(b, "migrate-catalog"), 9090))
}

func stripComments(doc []byte) []byte {
	var out [][]byte
	for _, line := range bytes.Split(doc, []byte("\n")) {
		if !bytes.HasPrefix(bytes.TrimSpace(line), []byte("#")) {
			out = append(out, line)
		}
	}
	return bytes.Join(out, []byte("\n"))
}

func firstLine(doc []byte) string {
	for _, line := range strings.Split(string(stripComments(doc)), "\n") {
		if strings.TrimSpace(line) != "" {
			return strings.TrimSpace(line)
		}
	}
	return ""
}
