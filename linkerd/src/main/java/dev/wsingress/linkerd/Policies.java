package dev.wsingress.linkerd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsingress.Manifest;
import dev.wsingress.Manifests;
import dev.wsingress.NamespaceIndex;
import dev.wsingress.Reading;
import dev.wsingress.Selectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Linkerd's policy objects ({@code policy.linkerd.io}) as the policy controller reads them: each
 * {@link ServerPolicy} with the pods and port it selects, its protocol and default access, and the
 * {@link Grant}s that authorize clients on it (AuthorizationPolicies on the Server, on its
 * namespace or on HTTPRoutes attached to it; ServerAuthorizations; the Server's {@code
 * accessPolicy}). Built once per input; {@link #check} reports what the API server or the policy
 * controller refuses, drops or deprecates.
 */
final class Policies {
  static final String GROUP = "policy.linkerd.io";

  /**
   * linkerd2 version-2.16 .. version-2.20 policy-controller/k8s/api/src/policy/server.rs
   * ProxyProtocol: the only proxyProtocol values the admission webhook accepts
   * (policy-controller/runtime/src/admission.rs admit_spec denies a spec that does not parse).
   */
  static final Set<String> PROTOCOLS =
      Set.of("unknown", "HTTP/1", "HTTP/2", "gRPC", "opaque", "TLS");

  /**
   * version-2.20 policy-controller/k8s/index/src/defaults.rs DefaultPolicy::from_str: the values of
   * accessPolicy and of {@code config.linkerd.io/default-inbound-policy}.
   */
  static final Set<String> DEFAULT_POLICIES =
      Set.of(
          "all-unauthenticated",
          "all-authenticated",
          "cluster-unauthenticated",
          "cluster-authenticated",
          "deny",
          "audit");

  /** A Server: the pods and port it selects, and how the proxy serves the port. */
  static final class ServerPolicy {
    final Manifest object;
    final String version;
    final JsonNode podSelector;
    final Integer portNumber;
    final String portName;
    final String protocol;
    final String accessPolicy;
    final List<Grant> grants = new ArrayList<>();
    final List<Manifest> routes = new ArrayList<>();

    ServerPolicy(Manifest object) {
      this.object = object;
      this.version = version(object);
      JsonNode spec = object.tree().path("spec");
      this.podSelector = spec.get("podSelector");
      JsonNode port = spec.path("port");
      this.portNumber = port.isIntegralNumber() ? port.asInt() : null;
      this.portName = port.isTextual() ? port.asText() : null;
      JsonNode p = spec.get("proxyProtocol");
      // v1beta3 CRD: proxyProtocol "default: unknown" (and earlier versions' docs: "Defaults to
      // unknown if not set").
      this.protocol = p != null && p.isTextual() ? p.asText() : "unknown";
      // CRD v1beta3: accessPolicy "default: deny"; v1alpha1 .. v1beta2 have no accessPolicy, and
      // a Server without one authorizes only what names it (index.rs client_authzs).
      JsonNode a = spec.get("accessPolicy");
      this.accessPolicy =
          version.equals("v1beta3") && a != null && a.isTextual() ? a.asText() : "deny";
    }

    /** Whether the Server selects the workload's pods (same namespace, pod selector). */
    boolean selects(Manifest workload) {
      if (podSelector == null || !podSelector.isObject()) {
        return false; // an externalWorkloadSelector Server selects no pods
      }
      JsonNode labels = workload.podTemplate().orElseThrow().path("metadata").path("labels");
      return Manifests.sameNamespace(object.namespace(), workload.namespace())
          && Selectors.matchesSelector(podSelector, labels);
    }

    /** Whether the Server's port is this container port (by number or by the port's name). */
    boolean onPort(int number, String name) {
      return portNumber != null ? portNumber == number : portName != null && portName.equals(name);
    }

    boolean httpAware() {
      return !protocol.equals("opaque") && !protocol.equals("TLS");
    }

    String describe() {
      return "Server " + object.namespace() + "/" + object.name();
    }
  }

  /** What one authorization admits, and on which part of the Server's traffic. */
  static final class Grant {
    /** How the client must authenticate. */
    enum Auth {
      /** Any client, meshed or not. */
      ANY,
      /** Any meshed client (all-authenticated, a {@code *} identity, unauthenticatedTLS). */
      MESHED,
      /** Meshed clients with one of these identities. */
      IDENTITIES,
      /** An authentication that is not in the input. */
      UNKNOWN
    }

    /** Which client addresses. */
    enum Nets {
      ALL,
      /** The cluster's networks (proxy.clusterNetworks): in-cluster pods. */
      CLUSTER,
      /** Some CIDRs: whether a pod's address is among them is not in the input. */
      SOME,
      /** A NetworkAuthentication that is not in the input. */
      UNKNOWN
    }

    final Manifest source;
    final boolean routeOnly;
    final Auth auth;
    final List<String> identities;
    final Nets nets;

    Grant(Manifest source, boolean routeOnly, Auth auth, List<String> identities, Nets nets) {
      this.source = source;
      this.routeOnly = routeOnly;
      this.auth = auth;
      this.identities = identities;
      this.nets = nets;
    }

    String describe() {
      return source.kind() + " " + source.namespace() + "/" + source.name();
    }
  }

  final List<ServerPolicy> servers = new ArrayList<>();
  private NamespaceIndex<ServerPolicy> serversByNamespace;

  /**
   * The Servers that may select the workload's pods ({@link ServerPolicy#selects} decides), in
   * input order: those of its namespace (or every Server when the namespace is empty or a Server
   * has none) whose pod selector may select its pod labels; so that a lookup per route and workload
   * scans neither every Server nor every Server of the namespace.
   */
  List<ServerPolicy> serversSelecting(Manifest workload) {
    NamespaceIndex<ServerPolicy> index = serversByNamespace;
    if (index == null) {
      serversByNamespace =
          index = NamespaceIndex.of(servers, s -> s.object.namespace(), s -> s.podSelector);
    }
    var template = workload.podTemplate();
    if (template.isEmpty()) {
      return index.near(workload.namespace()); // selects() decides, as it did before
    }
    return index.nearSelecting(
        workload.namespace(), template.get().path("metadata").path("labels"));
  }

  private Policies() {}

  /** Reads every Server and the authorizations that apply to each. */
  static Policies of(Manifests in) {
    Policies p = new Policies();
    for (Manifest s : in.objects(GROUP, "Server")) {
      p.servers.add(new ServerPolicy(s));
    }
    if (p.servers.isEmpty()) {
      return p;
    }
    for (ServerPolicy s : p.servers) {
      s.grants.addAll(defaultGrants(s.object, s.accessPolicy));
    }
    for (Manifest route : routes(in)) {
      for (JsonNode parent : route.tree().path("spec").path("parentRefs")) {
        if (GROUP.equals(parent.path("group").asText())
            && "Server".equals(parent.path("kind").asText())) {
          String ns = parent.path("namespace").asText(route.namespace());
          for (ServerPolicy s : p.servers) {
            if (s.object.name().equals(parent.path("name").asText())
                && Manifests.sameNamespace(s.object.namespace(), ns)) {
              s.routes.add(route);
            }
          }
        }
      }
    }
    for (Manifest ap : in.objects(GROUP, "AuthorizationPolicy")) {
      JsonNode target = ap.tree().path("spec").path("targetRef");
      String name = target.path("name").asText();
      for (ServerPolicy s : p.servers) {
        if (!Manifests.sameNamespace(s.object.namespace(), ap.namespace())) {
          continue;
        }
        boolean server = targets(target, GROUP, "Server") && s.object.name().equals(name);
        // version-2.20 policy-controller/k8s/index/src/inbound/index.rs client_authzs: a policy
        // that targets the Namespace applies to every Server in it.
        boolean namespace = targets(target, "core", "Namespace");
        boolean route = false;
        for (Manifest r : s.routes) {
          route |= r.name().equals(name) && targets(target, r.group(), r.kind());
        }
        if (server || namespace || route) {
          s.grants.add(policyGrant(in, ap, route && !server && !namespace));
        }
      }
    }
    for (Manifest sa : in.objects(GROUP, "ServerAuthorization")) {
      JsonNode server = sa.tree().path("spec").path("server");
      for (ServerPolicy s : p.servers) {
        if (!Manifests.sameNamespace(s.object.namespace(), sa.namespace())) {
          continue;
        }
        // server_authorization.rs ServerSelector: by name, else by a selector over Server labels.
        boolean selected =
            server.has("name")
                ? s.object.name().equals(server.path("name").asText())
                : Selectors.matchesSelector(
                    server.path("selector"), s.object.tree().path("metadata").path("labels"));
        if (selected) {
          s.grants.add(serverAuthorizationGrant(sa));
        }
      }
    }
    return p;
  }

  private static List<Manifest> routes(Manifests in) {
    List<Manifest> out = new ArrayList<>(in.objects(GROUP, "HTTPRoute"));
    out.addAll(in.objects("gateway.networking.k8s.io", "HTTPRoute"));
    out.addAll(in.objects("gateway.networking.k8s.io", "GRPCRoute"));
    return out;
  }

  /**
   * The grants of a default policy (accessPolicy, or {@code config.linkerd.io/default-inbound-
   * policy}): defaults.rs default_authzs; audit admits everyone (and logs them).
   */
  static List<Grant> defaultGrants(Manifest source, String policy) {
    switch (policy) {
      case "all-unauthenticated":
      case "audit":
        return List.of(new Grant(source, false, Grant.Auth.ANY, List.of(), Grant.Nets.ALL));
      case "cluster-unauthenticated":
        return List.of(new Grant(source, false, Grant.Auth.ANY, List.of(), Grant.Nets.CLUSTER));
      case "all-authenticated":
        return List.of(new Grant(source, false, Grant.Auth.MESHED, List.of(), Grant.Nets.ALL));
      case "cluster-authenticated":
        return List.of(new Grant(source, false, Grant.Auth.MESHED, List.of(), Grant.Nets.CLUSTER));
      default:
        return List.of();
    }
  }

  /**
   * An AuthorizationPolicy's grant: version-2.20 index.rs policy_client_authz. Its MeshTLS (or
   * ServiceAccount) authentication sets the identities, else any client; its NetworkAuthentication
   * the networks, else every network. An authentication not in the input makes it unknown.
   */
  private static Grant policyGrant(Manifests in, Manifest ap, boolean routeOnly) {
    Grant.Auth auth = Grant.Auth.ANY;
    List<String> ids = new ArrayList<>();
    Grant.Nets nets = Grant.Nets.ALL;
    for (JsonNode ref : ap.tree().path("spec").path("requiredAuthenticationRefs")) {
      String ns = ref.path("namespace").asText(ap.namespace());
      String name = ref.path("name").asText();
      if (targets(ref, "core", "ServiceAccount")) {
        auth = Grant.Auth.IDENTITIES;
        ids.add(identity(name, ns));
      } else if (targets(ref, GROUP, "MeshTLSAuthentication")) {
        Manifest m = in.find(GROUP, "MeshTLSAuthentication", ns, name).orElse(null);
        if (m == null) {
          auth = Grant.Auth.UNKNOWN;
          continue;
        }
        auth = identities(m, ids);
      } else if (targets(ref, GROUP, "NetworkAuthentication")) {
        Manifest n = in.find(GROUP, "NetworkAuthentication", ns, name).orElse(null);
        nets = n == null ? Grant.Nets.UNKNOWN : networks(n.tree().path("spec").path("networks"));
      }
    }
    return new Grant(ap, routeOnly, auth, List.copyOf(ids), nets);
  }

  /**
   * A MeshTLSAuthentication's identities (meshtls_authentication.rs): {@code identities} strings
   * ({@code *} any, {@code *.suffix}, or exact) and {@code identityRefs} to ServiceAccounts (the
   * object's namespace by default) or Namespaces.
   */
  private static Grant.Auth identities(Manifest m, List<String> ids) {
    JsonNode spec = m.tree().path("spec");
    for (JsonNode id : spec.path("identities")) {
      if (id.asText().equals("*")) {
        return Grant.Auth.MESHED;
      }
      ids.add(id.asText());
    }
    for (JsonNode ref : spec.path("identityRefs")) {
      String kind = ref.path("kind").asText();
      if (kind.equals("ServiceAccount")) {
        ids.add(identity(ref.path("name").asText(), ref.path("namespace").asText(m.namespace())));
      } else if (kind.equals("Namespace")) {
        // cluster_info.rs namespace_identity: *.<ns>.serviceaccount.identity.<cp-ns>.<domain>
        ids.add("*." + ref.path("name").asText() + ".serviceaccount.identity");
      }
    }
    return Grant.Auth.IDENTITIES;
  }

  /**
   * A ServerAuthorization's grant: server_authorization.rs client_authz. {@code unauthenticated}
   * admits any client; {@code meshTLS} meshed ones (by identities and serviceAccounts, or any with
   * unauthenticatedTLS); without networks, the cluster's (grpc/src/inbound.rs to_authz).
   */
  private static Grant serverAuthorizationGrant(Manifest sa) {
    JsonNode client = sa.tree().path("spec").path("client");
    JsonNode networks = client.path("networks");
    Grant.Nets nets =
        networks.isArray() && !networks.isEmpty() ? networks(networks) : Grant.Nets.CLUSTER;
    if (client.path("unauthenticated").asBoolean(false)) {
      return new Grant(sa, false, Grant.Auth.ANY, List.of(), nets);
    }
    JsonNode mtls = client.path("meshTLS");
    if (mtls.path("unauthenticatedTLS").asBoolean(false)) {
      return new Grant(sa, false, Grant.Auth.MESHED, List.of(), nets);
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode id : mtls.path("identities")) {
      if (id.asText().equals("*")) {
        return new Grant(sa, false, Grant.Auth.MESHED, List.of(), nets);
      }
      ids.add(id.asText());
    }
    for (JsonNode ref : mtls.path("serviceAccounts")) {
      ids.add(identity(ref.path("name").asText(), ref.path("namespace").asText(sa.namespace())));
    }
    return new Grant(sa, false, Grant.Auth.IDENTITIES, List.copyOf(ids), nets);
  }

  private static Grant.Nets networks(JsonNode networks) {
    for (JsonNode n : networks) {
      String cidr = n.path("cidr").asText();
      boolean except = n.path("except").isArray() && !n.path("except").isEmpty();
      if ((cidr.equals("0.0.0.0/0") || cidr.equals("::/0")) && !except) {
        return Grant.Nets.ALL;
      }
    }
    return Grant.Nets.SOME;
  }

  /**
   * The start of a ServiceAccount's identity: cluster_info.rs service_account_identity writes
   * {@code <sa>.<ns>.serviceaccount.identity.<control-plane-ns>.<identity-domain>}; the control
   * plane namespace and trust domain are the installation's, so identities are compared up to
   * {@code serviceaccount.identity}.
   */
  static String identity(String account, String namespace) {
    return account + "." + namespace + ".serviceaccount.identity";
  }

  /**
   * Whether an identity pattern admits {@code account} in {@code namespace}: identity_match.rs
   * (exact, or {@code *.} and a suffix of labels), compared up to {@code serviceaccount.identity}.
   * A suffix that does not reach the ServiceAccount's labels ({@code *.cluster.local}) admits every
   * identity of the mesh.
   */
  static boolean admits(String pattern, String account, String namespace) {
    String mine = identity(account, namespace);
    String p = pattern.toLowerCase(Locale.ROOT);
    int marker = p.indexOf("serviceaccount.identity");
    if (!p.startsWith("*.")) {
      return marker >= 0
          && p.substring(0, marker + "serviceaccount.identity".length()).equals(mine);
    }
    String suffix = p.substring(2);
    if (marker < 0) {
      return true; // a suffix of the trust domain: every identity
    }
    String before = suffix.substring(0, suffix.indexOf("serviceaccount.identity"));
    return before.isEmpty()
        || mine.endsWith("." + before + "serviceaccount.identity")
        || mine.equals(before + "serviceaccount.identity");
  }

  /** {@code policy.linkerd.io/<version>}'s version of an object. */
  static String version(Manifest m) {
    String v = m.apiVersion();
    int slash = v.indexOf('/');
    return slash < 0 ? v : v.substring(slash + 1);
  }

  /** Reports what the API server or the policy controller refuses, drops or deprecates. */
  static void check(Manifests in, Reading out) {
    for (Manifest s : in.objects(GROUP, "Server")) {
      out.understood(s);
      String v = version(s);
      JsonNode spec = s.tree().path("spec");
      if (v.equals("v1alpha1") || v.equals("v1beta1")) {
        // linkerd2 charts: v1alpha1 deprecated since stable-2.11.2
        // (charts/linkerd2/templates/policy-crd.yaml), v1beta1 since version-2.15
        // (charts/linkerd-crds/templates/policy/server.yaml "deprecated: true"); both still
        // served by version-2.20 and edge-26.8.3, storage v1beta3.
        out.report(
            s,
            LinkerdFinding.DEPRECATED_VERSION,
            s.source("/apiVersion"),
            "policy.linkerd.io/"
                + v
                + " Server is deprecated since Linkerd "
                + (v.equals("v1alpha1") ? "2.11.2" : "2.15")
                + " (the API server warns on every apply; still served in 2.20, stored as"
                + " v1beta3).");
      }
      JsonNode access = spec.get("accessPolicy");
      if (access != null && !v.equals("v1beta3") && !"deny".equals(access.asText())) {
        // version-2.20 server.yaml: v1alpha1, v1beta1 and v1beta2 have no accessPolicy, and
        // their structural schemas prune unknown fields; v1beta3 then defaults it to deny.
        out.report(
            s,
            // linkerd/linkerd2 version-2.20 charts/linkerd-crds/templates/policy/server.yaml:
            // accessPolicy is in the v1beta3 schema only; the API server prunes it from earlier
            // versions
            LinkerdFinding.FIELD_PRUNED,
            s.source("/spec/accessPolicy"),
            "accessPolicy: "
                + access.asText()
                + " is not a field of policy.linkerd.io/"
                + v
                + " Server (it came with v1beta3 in Linkerd 2.16): the API server drops it, and"
                + " the Server denies every client no authorization names.");
      }
      JsonNode protocol = spec.get("proxyProtocol");
      if (protocol != null && !(protocol.isTextual() && PROTOCOLS.contains(protocol.asText()))) {
        out.report(
            s,
            // linkerd/linkerd2 version-2.20 policy-controller/runtime/src/admission.rs: admit_spec
            // denies a spec that does not parse
            LinkerdFinding.POLICY_REFUSED,
            s.source("/spec/proxyProtocol"),
            "proxyProtocol "
                + show(protocol)
                + " is not one of unknown, HTTP/1, HTTP/2, gRPC, opaque, TLS: Linkerd's admission"
                + " webhook refuses the Server.");
      }
      if (v.equals("v1beta3")
          && access != null
          && !(access.isTextual() && DEFAULT_POLICIES.contains(access.asText()))) {
        out.report(
            s,
            // linkerd/linkerd2 version-2.20 policy-controller/runtime/src/admission.rs: admit_spec
            // denies a spec that does not parse
            LinkerdFinding.POLICY_REFUSED,
            s.source("/spec/accessPolicy"),
            "accessPolicy "
                + show(access)
                + " is not one of all-unauthenticated, all-authenticated,"
                + " cluster-unauthenticated, cluster-authenticated, deny, audit: Linkerd's"
                + " admission webhook refuses the Server.");
      }
    }
    for (Manifest sa : in.objects(GROUP, "ServerAuthorization")) {
      out.understood(sa);
      String v = version(sa);
      if (v.equals("v1alpha1")) {
        // stable-2.11.2 charts/linkerd2/templates/policy-crd.yaml: v1alpha1 deprecated.
        out.report(
            sa,
            LinkerdFinding.DEPRECATED_VERSION,
            sa.source("/apiVersion"),
            "policy.linkerd.io/v1alpha1 ServerAuthorization is deprecated since Linkerd 2.11.2"
                + " (the API server warns on every apply).");
      }
      checkServerAuthorization(in, sa, out);
      if (!v.equals("v1alpha1")) {
        // linkerd/website (93f00175) 2.19 and 2-edge features/server-policy.md: "Use of
        // AuthorizationPolicy is preferred, and ServerAuthorization will be deprecated in
        // future releases"; the CRD's v1beta1 carries no deprecation (version-2.20).
        out.report(
            sa,
            LinkerdFinding.SERVER_AUTHORIZATION,
            sa.source("/kind"),
            "ServerAuthorization is Linkerd's earlier form of policy: it authorizes whole"
                + " Servers only, and Linkerd's docs prefer AuthorizationPolicy (since 2.12),"
                + " announcing ServerAuthorization's deprecation.");
      }
    }
    for (Manifest ap : in.objects(GROUP, "AuthorizationPolicy")) {
      out.understood(ap);
      checkPolicy(in, ap, out);
    }
    for (Manifest m : in.objects(GROUP, "MeshTLSAuthentication")) {
      out.understood(m);
      JsonNode ids = m.tree().path("spec").path("identities");
      for (int i = 0; ids.isArray() && i < ids.size(); i++) {
        if (!validIdentity(ids.get(i).asText())) {
          out.report(
              m,
              // linkerd/linkerd2 version-2.20 policy-controller/runtime/src/admission.rs:
              // admit_spec denies a spec that does not parse
              LinkerdFinding.POLICY_REFUSED,
              m.source("/spec/identities/" + i),
              "the identity "
                  + show(ids.get(i))
                  + " is neither a DNS-like name nor a spiffe:// ID: Linkerd's admission webhook"
                  + " refuses the MeshTLSAuthentication.");
        }
      }
    }
    for (Manifest m : in.objects(GROUP, "NetworkAuthentication")) {
      out.understood(m);
    }
  }

  /**
   * version-2.20 policy-controller/runtime/src/validation.rs validate_identity: a {@code spiffe://}
   * ID with a trust domain, or a DNS-like name ({@code *} and {@code *.} allowed).
   */
  static boolean validIdentity(String id) {
    if (id.startsWith("spiffe://")) {
      String rest = id.substring("spiffe://".length());
      int slash = rest.indexOf('/');
      String domain = slash < 0 ? rest : rest.substring(0, slash);
      return !domain.isEmpty() && domain.matches("[a-z0-9._-]+");
    }
    return DNS_LIKE.matcher(id).matches();
  }

  private static final java.util.regex.Pattern DNS_LIKE =
      java.util.regex.Pattern.compile(
          "^(\\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?)(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  /**
   * A ServerAuthorization's identities and Server selector. Its identities are compared as strings
   * with the ones proxies present (identity_match.rs), which are DNS-like names or SPIFFE IDs; its
   * admission check (admission.rs) does not validate them, so another form (Istio's {@code
   * cluster.local/ns/<ns>/sa/<sa>}) is accepted and matches no one.
   */
  private static void checkServerAuthorization(Manifests in, Manifest sa, Reading out) {
    JsonNode spec = sa.tree().path("spec");
    JsonNode ids = spec.path("client").path("meshTLS").path("identities");
    for (int i = 0; ids.isArray() && i < ids.size(); i++) {
      if (!validIdentity(ids.get(i).asText())) {
        out.report(
            sa,
            // linkerd/linkerd2 version-2.20 policy-controller/core/src/identity_match.rs:
            // IdentityMatch::from_str: "*", a "*." suffix, or an exact name compared with the
            // proxy's identity
            LinkerdFinding.IDENTITY_FORM,
            sa.source("/spec/client/meshTLS/identities/" + i),
            "the identity "
                + show(ids.get(i))
                + " is neither a DNS-like name nor a spiffe:// ID, the forms Linkerd's proxies"
                + " present: it authorizes no client (Linkerd's identity of a ServiceAccount is"
                + " <sa>.<ns>.serviceaccount.identity.<control-plane-ns>.<trust-domain>).");
      }
    }
    JsonNode selector = spec.path("server").path("selector");
    if (!spec.path("server").has("name") && selector.isObject()) {
      List<Manifest> servers = new ArrayList<>();
      boolean selects = false;
      for (Manifest s : in.objects(GROUP, "Server")) {
        if (Manifests.sameNamespace(s.namespace(), sa.namespace())) {
          servers.add(s);
          selects |= Selectors.matchesSelector(selector, s.tree().path("metadata").path("labels"));
        }
      }
      if (!servers.isEmpty() && !selects) {
        out.report(
            sa,
            LinkerdFinding.REF_NOT_IN_INPUT,
            sa.source("/spec/server/selector"),
            "its server selector matches the labels of no Server in the input (it selects"
                + " Servers by their own labels, not by the pods'), so it authorizes nothing"
                + " there.");
      }
    }
  }

  /**
   * An AuthorizationPolicy: version-2.20 policy-controller/k8s/index/src/inbound/
   * authorization_policy.rs target and authentication_ref list what it may name (the admission
   * webhook validates with them); references to objects not in the input are noted.
   */
  private static void checkPolicy(Manifests in, Manifest ap, Reading out) {
    JsonNode spec = ap.tree().path("spec");
    JsonNode target = spec.path("targetRef");
    String kind = target.path("kind").asText();
    String group = target.path("group").asText("");
    boolean known =
        targets(target, GROUP, "Server")
            || targets(target, "core", "Namespace")
            || targets(target, GROUP, "HTTPRoute")
            || targets(target, "gateway.networking.k8s.io", "HTTPRoute")
            || targets(target, "gateway.networking.k8s.io", "GRPCRoute");
    if (!known) {
      out.report(
          ap,
          // linkerd/linkerd2 version-2.20 policy-controller/runtime/src/admission.rs: admit_spec
          // denies a spec that does not parse
          LinkerdFinding.POLICY_REFUSED,
          ap.source("/spec/targetRef"),
          "the targetRef "
              + (group.isEmpty() ? "" : group + "/")
              + kind
              + " is not a Server, Namespace, HTTPRoute or GRPCRoute: Linkerd's admission webhook"
              + " refuses the AuthorizationPolicy (\"unsupported authorization target type\").");
    } else if (targets(target, GROUP, "Server")
        && in.find(GROUP, "Server", ap.namespace(), target.path("name").asText()).isEmpty()) {
      out.report(
          ap,
          LinkerdFinding.REF_NOT_IN_INPUT,
          ap.source("/spec/targetRef"),
          "its Server "
              + target.path("name").asText()
              + " is not in the input; the pods and port it authorizes are not checked.");
    }
    JsonNode refs = spec.path("requiredAuthenticationRefs");
    for (int i = 0; refs.isArray() && i < refs.size(); i++) {
      JsonNode ref = refs.get(i);
      String k = ref.path("kind").asText();
      String g = ref.path("group").asText("");
      String name = ref.path("name").asText();
      String ns = ref.path("namespace").asText(ap.namespace());
      boolean account = targets(ref, "core", "ServiceAccount");
      if (!account
          && !targets(ref, GROUP, "MeshTLSAuthentication")
          && !targets(ref, GROUP, "NetworkAuthentication")) {
        out.report(
            ap,
            // linkerd/linkerd2 version-2.20 policy-controller/runtime/src/admission.rs: admit_spec
            // denies a spec that does not parse
            LinkerdFinding.POLICY_REFUSED,
            ap.source("/spec/requiredAuthenticationRefs/" + i),
            "the authentication "
                + (g.isEmpty() ? "" : g + "/")
                + k
                + " "
                + name
                + " is not a policy.linkerd.io MeshTLSAuthentication or NetworkAuthentication or a"
                + " ServiceAccount: Linkerd's admission webhook refuses the AuthorizationPolicy"
                + " (\"unsupported authentication target\").");
      } else if (!account && in.find(GROUP, canonical(k), ns, name).isEmpty()) {
        out.report(
            ap,
            LinkerdFinding.REF_NOT_IN_INPUT,
            ap.source("/spec/requiredAuthenticationRefs/" + i),
            "its "
                + k
                + " "
                + ns
                + "/"
                + name
                + " is not in the input; which clients it admits is not checked.");
      }
    }
  }

  /**
   * Whether a reference names this group and kind: version-2.20 policy-controller/k8s/api/src/
   * policy.rs targets_kind compares both ignoring case, an empty or missing group being "core".
   */
  static boolean targets(JsonNode ref, String group, String kind) {
    String g = ref.path("group").asText("");
    return (g.isEmpty() ? "core" : g).equalsIgnoreCase(group)
        && ref.path("kind").asText().equalsIgnoreCase(kind);
  }

  /** The kind as its CRD spells it (references may use any case). */
  private static String canonical(String kind) {
    for (String k :
        new String[] {"MeshTLSAuthentication", "NetworkAuthentication", "Server", "HTTPRoute"}) {
      if (k.equalsIgnoreCase(kind)) {
        return k;
      }
    }
    return kind;
  }

  static String show(JsonNode value) {
    return value.isTextual() ? "\"" + value.asText() + "\"" : value.toString();
  }
}
