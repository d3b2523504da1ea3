using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.ImportComplaints;
using ComplaintCloud.Api.Features.ImportJobs.RunImportJobs;
using ComplaintCloud.Api.Features.ImportJobs.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;

namespace ComplaintCloud.Api.Features.ImportJobs.CreateImportJob;

public sealed record CreateImportJobCommand(string FileName, byte[] Content) : ICommand<ImportJobView>;

public sealed class CreateImportJobValidator : AbstractValidator<CreateImportJobCommand>
{
    public CreateImportJobValidator()
    {
        RuleFor(c => c.FileName).NotEmpty().MaximumLength(255);
        RuleFor(c => c.Content).NotEmpty().WithMessage("The file is empty.")
            .Must(c => c.LongLength <= CsvUpload.MaxFileBytes).WithMessage($"The file is larger than {CsvUpload.MaxFileBytes / (1024 * 1024)} MB.");
    }
}

/// <summary>
/// Queues a CSV for the import worker. The file is read once here: an unknown header is refused at
/// once (400), and the row count gives the progress bar its 100 %. The job and its file are written
/// together, and the worker is woken when they are committed.
/// </summary>
public sealed class CreateImportJobHandler(AppDbContext db, IImportFileStore files, CurrentActor current, TimeProvider clock,
    ImportJobSignal signal) : ICommandHandler<CreateImportJobCommand, ImportJobView>
{
    public ValueTask<ImportJobView> Handle(CreateImportJobCommand command, CancellationToken ct)
    {
        var format = ComplaintCsv.DetectFormat(ComplaintCsv.Open(new MemoryStream(command.Content)));
        var rows = ComplaintCsv.Read(ComplaintCsv.Open(new MemoryStream(command.Content))).Count();
        var job = ImportJob.Queue(Path.GetFileName(command.FileName), format, rows, current.Get(), clock.GetUtcNow());
        db.ImportJobs.Add(job);
        files.Add(job.Id, command.Content);
        db.OnCommitted(signal.Wake);
        return ValueTask.FromResult(ImportJobView.From(job));
    }
}
