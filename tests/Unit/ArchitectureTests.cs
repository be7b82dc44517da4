using System.Text;
using System.Text.RegularExpressions;
using Express.Site.Tests.Support;

namespace Express.Site.Tests.Unit;

/// <summary>
/// The generator's namespaces form layers: no namespace depends, directly or through others, on a namespace that
/// depends on it. A dependency is a using directive, a qualified name (Express.Site.X.Type, or X.Type relative to an
/// enclosing namespace), or a type of an enclosing namespace named by its simple name. Comments do not count.
/// </summary>
public sealed partial class ArchitectureTests
{
    [Fact]
    public void TheGeneratorsNamespacesHaveNoCycles()
    {
        var generator = Path.Combine(Paths.Repository, "generator");
        var files = Directory.EnumerateFiles(generator, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(Path.GetRelativePath(generator, path)))
            .Select(path => (Path.GetRelativePath(generator, path), File.ReadAllText(path))).ToList();
        var graph = NamespaceGraph.Of(files);

        Assert.Contains("Express.Site.Steps.Read", graph.Namespaces);
        var cycles = string.Join("\n", graph.Cycles().Select(graph.Describe));
        Assert.True(cycles.Length == 0, "the generator's namespaces depend on each other in a circle:\n" + cycles);
    }

    [Fact]
    public void ACycleIsFoundThroughUsingsQualifiedNamesAndEnclosingNamespaces()
    {
        var graph = NamespaceGraph.Of([
            ("A.cs", "using Express.Site.B;\nnamespace Express.Site.A;\npublic class TA { TB b; }"),
            ("B.cs", "namespace Express.Site.B;\npublic class TB { C.TC c; }"),
            ("C.cs", "namespace Express.Site.C;\npublic class TC { Express.Site.A.TA a; }\n// Express.Site.D.TD d;"),
            ("D.cs", "using Express.Site.A;\nnamespace Express.Site.D;\npublic class TD { }"),
            ("Root.cs", "namespace Express.Site;\npublic class Root { E.TE e; }"),
            ("E.cs", "namespace Express.Site.E;\npublic class TE { string url = \"https://x\"; Root root; Express.Site.E.TE self; }"),
        ]);

        var cycles = graph.Cycles().Select(c => string.Join(",", c.Order(StringComparer.Ordinal))).ToList();

        Assert.Equal("Express.Site,Express.Site.E; Express.Site.A,Express.Site.B,Express.Site.C", string.Join("; ", cycles.Order(StringComparer.Ordinal)));
        Assert.Equal("cycle among Express.Site.A, Express.Site.B, Express.Site.C: Express.Site.A -> Express.Site.B (A.cs) -> Express.Site.C (B.cs) -> Express.Site.A (C.cs)",
            graph.Describe(graph.Cycles().Single(c => c.Contains("Express.Site.A"))));
    }

    private static bool IsBuildOutput(string relative) =>
        relative.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin");

    /// <summary>Which namespace depends on which, and in which files.</summary>
    private sealed partial class NamespaceGraph
    {
        private readonly Dictionary<string, Dictionary<string, SortedSet<string>>> _edges = new(StringComparer.Ordinal);

        public IReadOnlyCollection<string> Namespaces => _edges.Keys;

        public static NamespaceGraph Of(IReadOnlyList<(string Path, string Text)> files)
        {
            var sources = files.Select(f => (f.Path, Code: WithoutComments(f.Text))).Select(f => (f.Path, f.Code, Namespace: NamespaceOf(f.Code)))
                .Where(f => f.Namespace is not null).ToList();
            var types = sources.GroupBy(s => s.Namespace!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.SelectMany(s => TypeDeclaration().Matches(s.Code).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
            var graph = new NamespaceGraph();
            foreach (var name in types.Keys) graph._edges[name] = new(StringComparer.Ordinal);
            foreach (var (path, code, name) in sources)
                foreach (var target in Dependencies(code, name!, types).Where(t => t != name))
                {
                    if (!graph._edges[name!].TryGetValue(target, out var paths)) graph._edges[name!][target] = paths = new(StringComparer.Ordinal);
                    paths.Add(path.Replace('\\', '/'));
                }
            return graph;
        }

        private static IEnumerable<string> Dependencies(string code, string name, Dictionary<string, HashSet<string>> types)
        {
            foreach (Match directive in UsingDirective().Matches(code))
                if (Longest(directive.Groups[1].Value, types, orEqual: true) is { } target) yield return target;

            var body = UsingOrNamespaceLine().Replace(code, "");
            foreach (Match qualified in QualifiedName().Matches(body))
                if (Longest(qualified.Value.Replace("global::", ""), types, orEqual: false) is { } target) yield return target;

            // Names relative to an enclosing namespace ("Templates.ScriptValues" in Express.Site.X), and the types
            // of an enclosing namespace, which need no using.
            var enclosing = name.Split('.').Select((_, i) => string.Join('.', name.Split('.')[..(i + 1)])).ToList();
            foreach (var outer in enclosing)
            {
                foreach (var (other, declared) in types.Where(t => t.Key.StartsWith(outer + ".", StringComparison.Ordinal)))
                {
                    var relative = Regex.Escape(other[(outer.Length + 1)..]);
                    if (declared.Any(type => Regex.IsMatch(body, $@"(?<![\w.]){relative}\.{type}\b"))) yield return other;
                }
                if (outer != name && types.TryGetValue(outer, out var outerTypes) && outerTypes.Any(type => Regex.IsMatch(body, $@"(?<![\w.]){type}\b")))
                    yield return outer;
            }
        }

        /// <summary>The longest known namespace that <paramref name="name"/> is in (a type's full name) or is.</summary>
        private static string? Longest(string name, Dictionary<string, HashSet<string>> types, bool orEqual) =>
            types.Keys.Where(n => name.StartsWith(n + ".", StringComparison.Ordinal) || (orEqual && name == n)).MaxBy(n => n.Length);

        /// <summary>The namespaces of each strongly connected component with more than one namespace (Tarjan).</summary>
        public IReadOnlyList<IReadOnlyList<string>> Cycles()
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var low = new Dictionary<string, int>(StringComparer.Ordinal);
            var stack = new Stack<string>();
            var onStack = new HashSet<string>(StringComparer.Ordinal);
            var components = new List<IReadOnlyList<string>>();

            void Visit(string node)
            {
                index[node] = low[node] = index.Count;
                stack.Push(node);
                onStack.Add(node);
                foreach (var next in _edges[node].Keys)
                {
                    if (!index.ContainsKey(next)) { Visit(next); low[node] = Math.Min(low[node], low[next]); }
                    else if (onStack.Contains(next)) low[node] = Math.Min(low[node], index[next]);
                }
                if (low[node] != index[node]) return;
                var component = new List<string>();
                string member;
                do { member = stack.Pop(); onStack.Remove(member); component.Add(member); } while (member != node);
                if (component.Count > 1) components.Add(component);
            }

            foreach (var node in _edges.Keys.Order(StringComparer.Ordinal))
                if (!index.ContainsKey(node)) Visit(node);
            return components;
        }

        /// <summary>One cycle through the component, each step with the files that make it.</summary>
        public string Describe(IReadOnlyList<string> component)
        {
            var members = component.ToHashSet(StringComparer.Ordinal);
            var start = component.Min(StringComparer.Ordinal)!;
            // Breadth-first within the component, from the start back to it.
            var cameFrom = new Dictionary<string, string>(StringComparer.Ordinal);
            var queue = new Queue<string>([start]);
            while (queue.Count > 0 && !cameFrom.ContainsKey(start))
            {
                var node = queue.Dequeue();
                foreach (var next in _edges[node].Keys.Where(members.Contains).Order(StringComparer.Ordinal))
                    if (cameFrom.TryAdd(next, node)) queue.Enqueue(next);
            }
            var path = new List<string> { start };
            for (var node = cameFrom[start]; node != start; node = cameFrom[node]) path.Insert(0, node);
            path.Insert(0, start);
            var text = new StringBuilder($"cycle among {string.Join(", ", component.Order(StringComparer.Ordinal))}: {start}");
            for (var i = 1; i < path.Count; i++)
                text.Append($" -> {path[i]} ({string.Join(", ", _edges[path[i - 1]][path[i]])})");
            return text.ToString();
        }

        private static string? NamespaceOf(string code) => NamespaceDeclaration().Match(code) is { Success: true } m ? m.Groups[1].Value : null;

        /// <summary>The code with its comments blanked out; string and character literals are kept as they are.</summary>
        private static string WithoutComments(string source)
        {
            var code = new StringBuilder(source.Length);
            var i = 0;
            while (i < source.Length)
            {
                if (source.AsSpan(i).StartsWith("//"))
                {
                    while (i < source.Length && source[i] != '\n') i++;
                }
                else if (source.AsSpan(i).StartsWith("/*"))
                {
                    var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    i = end < 0 ? source.Length : end + 2;
                    code.Append(' ');
                }
                else if (source[i] is '"' or '\'')
                {
                    var end = LiteralEnd(source, i);
                    code.Append(source, i, end - i);
                    i = end;
                }
                else code.Append(source[i++]);
            }
            return code.ToString();
        }

        /// <summary>The index after the string or character literal that starts at <paramref name="start"/>.</summary>
        private static int LiteralEnd(string source, int start)
        {
            var quote = source[start];
            var quotes = 0;
            while (start + quotes < source.Length && source[start + quotes] == quote) quotes++;
            if (quote == '"' && quotes >= 3)
            {
                var end = source.IndexOf(new string('"', quotes), start + quotes, StringComparison.Ordinal);
                return end < 0 ? source.Length : end + quotes;
            }
            if (quote == '"' && quotes == 2) return start + 2;
            var verbatim = quote == '"' && start > 0 && (source[start - 1] == '@' || (start > 1 && source[start - 2] == '@'));
            var i = start + 1;
            while (i < source.Length && source[i] != quote && source[i] != '\n')
                i += !verbatim && source[i] == '\\' ? 2 : 1;
            if (verbatim)
                while (i + 1 < source.Length && source[i + 1] == '"') // "" inside a verbatim string
                {
                    i += 2;
                    while (i < source.Length && source[i] != '"') i++;
                }
            return Math.Min(i + 1, source.Length);
        }

        [GeneratedRegex(@"^namespace\s+([\w.]+)\s*[;{]", RegexOptions.Multiline)]
        private static partial Regex NamespaceDeclaration();

        [GeneratedRegex(@"^(?:(?:public|internal|static|sealed|abstract|partial|readonly|file|ref)\s+)*(?:class|struct|interface|enum|record(?:\s+(?:class|struct))?)\s+(\w+)", RegexOptions.Multiline)]
        private static partial Regex TypeDeclaration();

        [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?:global::)?(Express\.Site(?:\.\w+)*)\s*;", RegexOptions.Multiline)]
        private static partial Regex UsingDirective();

        [GeneratedRegex(@"^\s*(?:(?:global\s+)?using\s+[^(;]*;|namespace\s.*)$", RegexOptions.Multiline)]
        private static partial Regex UsingOrNamespaceLine();

        [GeneratedRegex(@"(?<![\w.])(?:global::)?Express\.Site(?:\.\w+)+")]
        private static partial Regex QualifiedName();
    }
}
