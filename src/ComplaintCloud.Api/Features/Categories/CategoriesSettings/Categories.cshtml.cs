using System.ComponentModel.DataAnnotations;
using ComplaintCloud.Api.Features.Categories.CreateCategory;
using ComplaintCloud.Api.Features.Categories.ListCategories;
using ComplaintCloud.Api.Features.Categories.Shared;
using ComplaintCloud.Api.Features.Categories.UpdateCategory;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Categories.CategoriesSettings;

/// <summary>Settings → Categories: the tree indented; add top-level or child categories, rename, archive and unarchive.</summary>
[Authorize(Policy = Policies.AdminUser)]
public sealed class CategoriesModel(ISender sender) : PageModel
{
    public IReadOnlyList<CategoryView> Tree { get; private set; } = [];
    [BindProperty] public NewCategoryInput NewCategory { get; set; } = new();
    public Guid? EditedId { get; private set; }
    public string? RowError { get; private set; }

    public sealed class NewCategoryInput
    {
        [Required, StringLength(CategoryRules.NameMaxLength)] public string Name { get; set; } = "";
        public Guid? ParentId { get; set; }
    }

    /// <summary>Parents offered for a new category: selectable ones with room for a child.</summary>
    public IEnumerable<CategoryView> ParentChoices => Tree.Where(c => c.Selectable && c.Depth < Domain.Category.MaxDepth);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var (ok, _) = await sender.TrySendAsync(new CreateCategoryCommand(NewCategory.Name, NewCategory.ParentId), ModelState, nameof(NewCategory), ct);
            if (ok)
            {
                NewCategory = new NewCategoryInput();
                ModelState.Clear();
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostRenameAsync(Guid id, string? name, CancellationToken ct) =>
        RowAfterAsync(id, new UpdateCategoryCommand(id, new UpdateCategoryRequest(Name: name ?? "")), ct);

    public Task<IActionResult> OnPostArchivedAsync(Guid id, bool archived, CancellationToken ct) =>
        RowAfterAsync(id, new UpdateCategoryCommand(id, new UpdateCategoryRequest(Archived: archived)), ct);

    // Archiving changes whether the subtree is offered, so the whole tree is swapped in, with the refusal in its row.
    private async Task<IActionResult> RowAfterAsync(Guid id, UpdateCategoryCommand command, CancellationToken ct)
    {
        ModelState.Clear(); // the create form's empty fields are not this post's business
        var (ok, _) = await sender.TrySendAsync(command, ModelState, "", ct);
        EditedId = id;
        RowError = ok ? null : ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault();
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) => Tree = (await sender.Send(new ListCategoriesQuery(), ct)).Items;
}
