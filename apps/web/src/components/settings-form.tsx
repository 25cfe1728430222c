'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTRPC } from '@/lib/trpc';

type FieldErrors = Record<string, string[] | undefined>;

export function SettingsForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.account.me.queryOptions());
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<string>('');
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const update = useMutation(
    trpc.account.updateProfile.mutationOptions({
      onSuccess: (profile) => {
        queryClient.setQueryData(trpc.account.me.queryKey(), profile);
        setFieldErrors({});
        setStatus('Saved.');
      },
      onError: (error) => {
        setFieldErrors((error.data?.fieldErrors as FieldErrors | undefined) ?? {});
        setStatus(error.data?.fieldErrors ? 'Please fix the highlighted fields.' : error.message);
      },
    }),
  );

  if (me.isPending) return <p role="status">Loading your profile…</p>;
  if (me.isError) {
    return (
      <p role="alert" className="text-red-700">
        Your profile could not be loaded: {me.error.message}
      </p>
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setStatus('');
    update.mutate({
      displayName: String(form.get('displayName') ?? ''),
      timezone: String(form.get('timezone') ?? ''),
      dailyCapacityMinutes: Number(form.get('dailyCapacityMinutes')),
    });
  }

  const profile = me.data;
  const zoneOptions = zones.includes(profile.timezone) ? zones : [profile.timezone, ...zones];
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="max-w-lg space-y-5 rounded-2xl border border-slate-200 bg-white p-6"
    >
      <p className="text-sm text-slate-600">
        Signed in as <strong>{profile.email}</strong>
      </p>
      <Field label="Display name" name="displayName" errors={fieldErrors.displayName}>
        <input
          id="displayName"
          name="displayName"
          defaultValue={profile.displayName ?? ''}
          aria-invalid={Boolean(fieldErrors.displayName)}
          aria-describedby="displayName-error"
          className="w-full rounded-lg border border-slate-300 px-3 py-2"
        />
      </Field>
      <Field label="Time zone" name="timezone" errors={fieldErrors.timezone}>
        <select
          id="timezone"
          name="timezone"
          defaultValue={profile.timezone}
          aria-invalid={Boolean(fieldErrors.timezone)}
          aria-describedby="timezone-error"
          className="w-full rounded-lg border border-slate-300 px-3 py-2"
        >
          {zoneOptions.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label="Daily capacity (minutes)"
        name="dailyCapacityMinutes"
        errors={fieldErrors.dailyCapacityMinutes}
        hint="The planner warns when a day holds more than this."
      >
        <input
          id="dailyCapacityMinutes"
          name="dailyCapacityMinutes"
          type="number"
          min={0}
          max={1440}
          step={15}
          defaultValue={profile.dailyCapacityMinutes}
          aria-invalid={Boolean(fieldErrors.dailyCapacityMinutes)}
          aria-describedby="dailyCapacityMinutes-error"
          className="w-40 rounded-lg border border-slate-300 px-3 py-2"
        />
      </Field>
      <div className="flex items-center gap-4">
        <button
          type="submit"
          disabled={update.isPending}
          className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {update.isPending ? 'Saving…' : 'Save'}
        </button>
        <p aria-live="polite" className="text-sm text-slate-600" data-testid="settings-status">
          {status}
        </p>
      </div>
    </form>
  );
}

function Field(props: {
  label: string;
  name: string;
  errors: string[] | undefined;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={props.name} className="block text-sm font-medium text-slate-700">
        {props.label}
      </label>
      <div className="mt-1">{props.children}</div>
      {props.hint && <p className="mt-1 text-xs text-slate-500">{props.hint}</p>}
      <p id={`${props.name}-error`} className="mt-1 text-sm text-red-700">
        {props.errors?.join(' ')}
      </p>
    </div>
  );
}
