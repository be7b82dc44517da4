using Scriban.Syntax;

namespace Express.Site.Templates;

/// <summary>
/// What a partial's output can depend on, read from its syntax tree (and those of the partials it includes): the
/// members of <c>page</c> it reads, the other variables it reads (which must be the shared ones: <c>site</c>, the data
/// files, the functions, Scriban's builtins), and the variables it sets, which Scriban leaves set for the template
/// that included it. <see cref="Of"/> gives null for a partial whose output may depend on anything else: a variable
/// of the template that includes it, <c>content</c>, a function that is not known to give the same result for the
/// same arguments, or a construct this reading does not know. Allow-list: what it cannot classify, it does not cache.
/// </summary>
public sealed record PartialReads(IReadOnlyList<string> PageMembers, IReadOnlyList<string> Shared, IReadOnlySet<string> Assigned, IReadOnlySet<TemplateSource> Partials)
{
    /// <summary>Scriban's builtin functions that give the same result for the same arguments and change nothing.</summary>
    private static readonly Dictionary<string, HashSet<string>> PureBuiltins = new(StringComparer.Ordinal)
    {
        ["html"] = ["escape", "strip", "url_encode", "url_escape", "newline_to_br"],
        ["string"] =
        [
            "append", "capitalize", "capitalizewords", "contains", "downcase", "empty", "ends_with", "escape", "handleize", "lstrip",
            "pad_left", "pad_right", "pluralize", "prepend", "remove", "remove_first", "remove_last", "replace", "replace_first",
            "replace_last", "rstrip", "size", "slice", "slice1", "split", "starts_with", "strip", "strip_newlines", "to_int",
            "to_long", "to_float", "to_double", "truncate", "truncatewords", "upcase", "whitespace", "literal",
        ],
        ["array"] =
        [
            "add", "add_range", "compact", "concat", "contains", "first", "insert_at", "join", "last", "limit", "offset",
            "remove_at", "reverse", "size", "sort", "uniq",
        ],
        ["object"] = ["default", "format", "has_key", "has_value", "keys", "kind", "size", "typeof", "values"],
        ["math"] = ["abs", "ceil", "divided_by", "floor", "format", "is_number", "minus", "modulo", "plus", "round", "times"],
        ["date"] = ["to_string"],
    };

    /// <summary>The generator's own functions (<see cref="TemplateFunctions"/>): the same result for the same arguments in one build.</summary>
    private static readonly HashSet<string> PureFunctions = ["asset", "json"];

    /// <summary>Scriban's builtins: namespaces of functions and include. Read as a value (copied, indexed, passed with
    /// @), a function in them can be called without its name being seen, so only ns.name of the lists above counts.</summary>
    internal static readonly IReadOnlySet<string> Builtins = Scriban.TemplateContext.GetDefaultBuiltinObject().Keys.ToHashSet(StringComparer.Ordinal);

    /// <param name="shared">the names of the variables every page shares: the model's globals and Scriban's builtins.</param>
    /// <param name="why">when it gives null: the first thing the reading could not classify.</param>
    public static PartialReads? Of(TemplateSource partial, TemplateLibrary library, IReadOnlySet<string> shared, out string? why)
    {
        var walker = new Walker(library, shared);
        var kept = walker.Partial(partial);
        why = kept ? null : walker.Refused ?? "?";
        return kept ? new PartialReads([.. walker.PageMembers], [.. walker.SharedRead], walker.Assigned, walker.Included) : null;
    }

    /// <summary>Every variable name a template mentions, read or set, anywhere in it.</summary>
    public static IEnumerable<string> NamesIn(TemplateSource template) =>
        Descendants(template.Template.Page).OfType<ScriptVariable>().Select(v => v.Name);

    /// <summary>The partials a template includes by name; null when it may include one whose name is computed.</summary>
    public static IReadOnlyList<string>? IncludedBy(TemplateSource template)
    {
        var names = new List<string>();
        foreach (var variable in Descendants(template.Template.Page).OfType<ScriptVariableGlobal>())
        {
            if (variable.Name is not ("include" or "include_join")) continue;
            if (variable.Parent is not ScriptFunctionCall call || !ReferenceEquals(call.Target, variable) || call.Arguments is not [ScriptLiteral { Value: string name }, ..]
                || IsPipedInto(call))
                return null;
            names.Add(name);
        }
        return names;
    }

    /// <summary>Whether a template can read the page's variables by name at run time: this, with, object.eval.</summary>
    public static bool ReadsVariablesByName(TemplateSource template) => Descendants(template.Template.Page).Any(node => node switch
    {
        ScriptThisExpression or ScriptWithStatement => true,
        // object.eval "name", and any other way to reach object's functions (object["eval"], @object, a copy of object)
        ScriptVariableGlobal { Name: "object" } variable => variable.Parent is not ScriptMemberExpression { Member.Name: var name } member
            || !ReferenceEquals(member.Target, variable) || name.StartsWith("eval", StringComparison.Ordinal),
        _ => false,
    });

    /// <summary>x | include 'a' includes the partial named x, with 'a' as its argument.</summary>
    private static bool IsPipedInto(ScriptFunctionCall call) => call.Parent is ScriptPipeCall pipe && ReferenceEquals(pipe.To, call);

    private static IEnumerable<ScriptNode> Descendants(ScriptNode? root)
    {
        if (root is null) yield break;
        var pending = new Stack<ScriptNode>([root]);
        while (pending.TryPop(out var node))
        {
            yield return node;
            foreach (var child in node.Children) if (child is not null) pending.Push(child);
        }
    }

    private sealed class Walker(TemplateLibrary library, IReadOnlySet<string> shared)
    {
        public readonly List<string> PageMembers = [];
        public readonly List<string> SharedRead = [];
        public readonly HashSet<string> Assigned = new(StringComparer.Ordinal);
        public readonly HashSet<TemplateSource> Included = new(ReferenceEqualityComparer.Instance);

        private readonly HashSet<string> _definitelyAssigned = new(StringComparer.Ordinal); // at the top level, before a read
        private readonly List<string> _loopVariables = []; // of the loops around the node
        private int _nesting; // inside an if or a loop: an assignment there may not happen

        public string? Refused { get; private set; }

        private bool Refuse(string why)
        {
            Refused ??= why;
            return false;
        }

        public bool Partial(TemplateSource partial)
        {
            if (!Included.Add(partial)) return Refuse($"includes {partial.Name} again"); // or itself
            return partial.Template.Page is { FrontMatter: null, Body: { } body } ? Block(body) : Refuse("has front matter");
        }

        private bool Block(ScriptBlockStatement? block) => block is null || block.Statements.All(Statement);

        private bool Statement(ScriptStatement statement) => statement switch
        {
            ScriptRawStatement or ScriptEscapeStatement or ScriptNopStatement or ScriptEndStatement or ScriptBreakStatement or ScriptContinueStatement => true,
            ScriptExpressionStatement { Expression: var e } => Expression(e),
            ScriptIfStatement s => Expression(s.Condition) && Nested(() => Block(s.Then) && Condition(s.Else)),
            ScriptForStatement s when s.GetType() == typeof(ScriptForStatement) => s.Variable is ScriptVariable variable && s.NamedArguments is null or { Count: 0 } && s.Else is null
                ? Expression(s.Iterator) && Nested(() => InLoop(variable.Name, () => Block(s.Body)))
                : Refuse($"a loop with options at {s.Span}"),
            _ => Refuse($"{statement.GetType().Name} at {statement.Span}"),
        };

        private bool Condition(ScriptConditionStatement? next) => next switch
        {
            null => true,
            ScriptIfStatement elseIf => Statement(elseIf),
            ScriptElseStatement { Body: var body } => Block(body),
            _ => Refuse($"{next.GetType().Name} at {next.Span}"),
        };

        private bool Expression(ScriptExpression? expression) => expression switch
        {
            null or ScriptLiteral => true,
            ScriptAssignExpression { Target: ScriptVariableGlobal target, Value: var value } assign =>
                // x += 1 reads x first
                Expression(value) && (assign.EqualToken.TokenType == Scriban.Parsing.TokenType.Equal || Read(target.Name)) && Assign(target.Name),
            ScriptVariableGlobal variable => Read(variable.Name),
            ScriptMemberExpression { Target: ScriptVariableGlobal { Name: "page" }, Member: { } member } => PageMember(member.Name),
            ScriptMemberExpression { Target: ScriptVariableGlobal { Name: var ns }, Member: { } member } when PureBuiltins.ContainsKey(ns) =>
                PureBuiltins[ns].Contains(member.Name) ? Shared(ns) : Refuse($"{ns}.{member.Name}"),
            ScriptMemberExpression { Target: ScriptVariableGlobal { Name: "for" }, Member.Name: "index" or "index0" or "first" or "last" or "even" or "odd" or "rindex" or "rindex0" or "length" } =>
                _loopVariables.Count > 0 || Refuse("for outside a loop"),
            ScriptMemberExpression { Target: var target } => target is not ScriptVariableGlobal { Name: "page" or "for" } ? Expression(target) : Refuse($"{target} at {target.Span}"),
            ScriptIndexerExpression { Target: var target, Index: var index } =>
                target is not ScriptVariableGlobal { Name: "page" } ? Expression(target) && Expression(index) : Refuse($"page[...] at {target.Span}"),
            ScriptFunctionCall { Target: ScriptVariableGlobal { Name: "include" }, Arguments: var args } call =>
                args.Count == 1 && args[0] is ScriptLiteral { Value: string name } && library.Partial(name) is { } partial && !IsPipedInto(call)
                    ? Shared("include") && Partial(partial) : Refuse($"an include by a computed name at {call.Span}"),
            ScriptFunctionCall { Target: var target, Arguments: var args } =>
                Function(target) && args.All(a => a is not ScriptNamedArgument && Expression(a)),
            ScriptPipeCall { From: var from, To: var to } => Expression(from) && (to is ScriptFunctionCall ? Expression(to) : Function(to)), // piped into include: refused there
            ScriptBinaryExpression { Left: var left, Right: var right } => Expression(left) && Expression(right),
            ScriptUnaryExpression { Operator: ScriptUnaryOperator.Not or ScriptUnaryOperator.Negate or ScriptUnaryOperator.Plus, Right: var right } => Expression(right),
            ScriptNestedExpression { Expression: var inner } => Expression(inner),
            ScriptConditionalExpression { Condition: var c, ThenValue: var then, ElseValue: var otherwise } => Expression(c) && Expression(then) && Expression(otherwise),
            _ => Refuse($"{expression.GetType().Name} at {expression.Span}"),
        };

        /// <summary>A function called by name: one of the generator's, or a builtin known to be pure.</summary>
        private bool Function(ScriptExpression? target) => target switch
        {
            ScriptVariableGlobal { Name: var name } => PureFunctions.Contains(name) ? Shared(name) : Refuse($"the function {name}"),
            ScriptMemberExpression { Target: ScriptVariableGlobal { Name: var ns }, Member: { } member } =>
                PureBuiltins.TryGetValue(ns, out var pure) && pure.Contains(member.Name) ? Shared(ns) : Refuse($"the function {ns}.{member.Name}"),
            _ => Refuse($"a call of {target} at {target?.Span}"),
        };

        /// <summary>A variable read as a value: the partial's own, a loop's, or a shared one that is not a function.</summary>
        private bool Read(string name)
        {
            if (_loopVariables.Contains(name) || _definitelyAssigned.Contains(name)) return true;
            if ((Builtins.Contains(name) && name is not ("empty" or "blank")) || PureFunctions.Contains(name)) return Refuse($"uses {name} as a value");
            if (name is "page" or "content" or "for" || Assigned.Contains(name)) return Refuse($"reads {name}");
            return Shared(name);
        }

        /// <summary>A shared name: a builtin or function called by name, or shared data.</summary>
        private bool Shared(string name)
        {
            if (_loopVariables.Contains(name) || _definitelyAssigned.Contains(name) || Assigned.Contains(name)) return Refuse($"{name} hides a shared name");
            if (!shared.Contains(name)) return Refuse($"reads {name}");
            if (!SharedRead.Contains(name)) SharedRead.Add(name);
            return true;
        }

        private bool PageMember(string member)
        {
            if (_loopVariables.Contains("page") || _definitelyAssigned.Contains("page") || Assigned.Contains("page")) return Refuse("page is not the page");
            if (!PageMembers.Contains(member)) PageMembers.Add(member);
            return true;
        }

        private bool Assign(string name)
        {
            // Setting a shared name would hide it from the rest of the page; a name read before it is set is the caller's.
            if (shared.Contains(name) || SharedRead.Contains(name) || name is "page" or "content" or "for" || _loopVariables.Contains(name)) return Refuse($"sets {name}");
            Assigned.Add(name);
            if (_nesting == 0) _definitelyAssigned.Add(name);
            return true;
        }

        private bool Nested(Func<bool> walk)
        {
            _nesting++;
            try { return walk(); }
            finally { _nesting--; }
        }

        private bool InLoop(string variable, Func<bool> walk)
        {
            _loopVariables.Add(variable);
            try { return walk(); }
            finally { _loopVariables.RemoveAt(_loopVariables.Count - 1); }
        }
    }
}
