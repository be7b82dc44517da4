using Express.Site.Core;
using Express.Site.Model;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Express.Site.Templates;

/// <summary>
/// Renders one template for one page, with partials from the theme; errors point at the template line.
/// Each render runs within <see cref="TemplateLimits"/>: a loop that never ends, a page that takes too long or grows
/// too large is an error at the template line, never a hang or a page cut short.
/// </summary>
/// <param name="cancellation">cancels a render from outside (the preview, when a newer save arrives).</param>
/// <param name="partials">keeps partial renders across the pages (<see cref="PartialCache"/>); for layouts only.</param>
public sealed class TemplateRenderer(TemplateLibrary library, TemplateModel model, TemplateLimits? limits = null, CancellationToken cancellation = default,
    PartialCache? partials = null)
{
    private readonly TemplateLimits _limits = limits ?? TemplateLimits.Default;

    // A TemplateContext is costly to set up (builtins, culture, partial cache), so each thread keeps one and only
    // swaps the page-specific scope per render. After an error the context is dropped, as its state is unknown.
    private readonly ThreadLocal<TemplateContext?> _contexts = new();

    /// <param name="lineOffset">For a template parsed from a page body: the lines above the body in that file.</param>
    /// <param name="variables">More variables for this render, e.g. the vendor of a consent placeholder.</param>
    public string Render(Template template, Page page, string? content, int lineOffset = 0, IEnumerable<KeyValuePair<string, object?>>? variables = null) =>
        Render(template, page, content, lineOffset, variables, context =>
        {
            var html = template.Render(context);
            return (html, html.Length);
        });

    /// <summary>Renders as <see cref="Render(Template, Page, string?, int, IEnumerable{KeyValuePair{string, object?}}?)"/>
    /// does, to the UTF-8 bytes that are written (a page's outermost layout).</summary>
    public byte[] RenderUtf8(Template template, Page page, string? content)
    {
        var output = _utf8.Value ??= new Utf8Output();
        return Render(template, page, content, 0, null, context =>
        {
            output.Clear();
            context.PushOutput(output);
            try
            {
                template.Render(context);
            }
            finally
            {
                context.PopOutput();
            }
            return (output.ToArray(), output.Characters);
        });
    }

    private readonly ThreadLocal<Utf8Output?> _utf8 = new();

    private T Render<T>(Template template, Page page, string? content, int lineOffset, IEnumerable<KeyValuePair<string, object?>>? variables,
        Func<TemplateContext, (T Output, long Characters)> render)
    {
        TemplateDependencies.UsedTemplate(template.SourceFilePath is { } path ? library.ByPath(path) : null);
        var context = _contexts.Value ??= CreateContext();
        context.CancellationToken = cancellation; // Scriban checks it in every loop
        var scope = new ScriptObject { ["page"] = model.PageObject(page.Source.Path), ["content"] = content };
        foreach (var (name, value) in variables ?? []) scope[name] = value;
        context.PushGlobal(scope);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(_limits.TimePerRender);
        context.CancellationToken = timeout.Token;
        try
        {
            var (html, characters) = render(context);
            context.PopGlobal();
            if (characters >= _limits.OutputCharacters) // Scriban cuts the output there: never publish a cut page
            {
                _contexts.Value = null;
                throw TemplateErrors.OutputTooLarge(page.Source.Path, _limits);
            }
            return html;
        }
        catch (ScriptAbortException e) when (!cancellation.IsCancellationRequested)
        {
            _contexts.Value = null;
            throw TemplateErrors.TooSlow(e, _limits, path => path == page.Source.Path ? lineOffset : library.LineOffsetOf(path));
        }
        catch (ScriptAbortException)
        {
            _contexts.Value = null;
            throw new OperationCanceledException(cancellation);
        }
        catch (ScriptRuntimeException e) when (TemplateErrors.IsOverLimit(e))
        {
            _contexts.Value = null;
            throw TemplateErrors.OutputTooLarge(page.Source.Path, _limits);
        }
        catch (ScriptRuntimeException e)
        {
            _contexts.Value = null;
            throw TemplateErrors.FromRuntime(e, path => path == page.Source.Path ? lineOffset : library.LineOffsetOf(path));
        }
    }

    private TemplateContext CreateContext()
    {
        var context = new TemplateContext
        {
            TemplateLoader = new PartialLoader(library),
            StrictVariables = true,
            LoopLimit = _limits.LoopIterations,
            LimitToString = _limits.OutputCharacters,
            // Over the limit is an error, never a page or a kept partial cut short with "..."
            OnOutputLimit = ScriptLimitBehavior.Throw,
            OnStringLimit = ScriptLimitBehavior.Throw,
        };
        foreach (var partial in library.Partials) context.CachedTemplates[partial.Path] = partial.Template;
        TemplateFunctions.ReplaceHtmlEscape(context.BuiltinObject);
        TemplateFunctions.FreezeSettings(context.BuiltinObject);
        partials?.InstallIn(context);
        context.PushCulture(model.Culture);
        context.PushGlobal(model.Globals);
        return context;
    }

    /// <summary>Parses and renders Scriban in a page body ("{{ include 'skjema' }}"); bodies without "{{" are returned as they are.</summary>
    public ReadOnlyMemory<char> RenderBody(Page page)
    {
        if (!page.Body.Span.Contains("{{", StringComparison.Ordinal)) return page.Body;
        var template = Template.Parse(page.Body.ToString(), page.Source.Path);
        if (template.HasErrors)
            throw TemplateErrors.FromParse(template.Messages.First(m => m.Type == ParserMessageType.Error), _ => page.BodyLine - 1);
        return Render(template, page, content: null, lineOffset: page.BodyLine - 1).AsMemory();
    }

    /// <summary>Finds partials by name in the theme's partials/ folder; they are parsed and cached already.</summary>
    private sealed class PartialLoader(TemplateLibrary library) : ITemplateLoader
    {
        public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName)
        {
            var partial = library.Partial(templateName) ?? throw new ScriptRuntimeException(callerSpan,
                $"unknown partial '{templateName}': there is no partials/{templateName}.html in the theme");
            TemplateDependencies.UsedTemplate(partial);
            return partial.Path;
        }

        public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            throw new ScriptRuntimeException(callerSpan, $"partial '{templatePath}' is not loaded");

        public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            ValueTask.FromResult<string?>(Load(context, callerSpan, templatePath));
    }
}
