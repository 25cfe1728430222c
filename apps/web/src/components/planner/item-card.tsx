'use client';
import type { RouterOutputs } from '@waypoint/core';

export type PlanItem = RouterOutputs['planner']['days']['get']['items'][number];

const STATUS_STYLE: Record<PlanItem['status'], string> = {
  todo: 'border-slate-200 bg-white',
  in_progress: 'border-sky-300 bg-sky-50',
  done: 'border-green-200 bg-green-50 text-slate-500 line-through',
  skipped: 'border-slate-200 bg-slate-100 text-slate-400 line-through',
};

/** A plan item in the week board: draggable, with keyboard moves for those not using a mouse. */
export function ItemCard(props: {
  item: PlanItem;
  goalTitle?: string;
  onDragStart(): void;
  onMove(direction: 'up' | 'down' | 'prev' | 'next'): void;
}) {
  const { item } = props;
  return (
    <li
      draggable
      onDragStart={(event) => {
        event.dataTransfer.setData('text/plain', item.id);
        event.dataTransfer.effectAllowed = 'move';
        props.onDragStart();
      }}
      data-testid="plan-item"
      data-item-id={item.id}
      className={`group cursor-grab rounded-lg border px-2 py-1.5 text-sm shadow-sm ${STATUS_STYLE[item.status]}`}
    >
      <div className="flex items-start gap-1">
        <span className="flex-1 break-words">
          {item.pinned && (
            <span title="Pinned: the agent never moves it">
              <span className="sr-only">Pinned: </span>
              <span aria-hidden>📌 </span>
            </span>
          )}
          {item.title}
        </span>
      </div>
      <div className="mt-1 flex items-center justify-between text-xs text-slate-500">
        <span className="truncate">
          {item.estimateMinutes ? `${item.estimateMinutes} min` : ''}
          {props.goalTitle ? ` · ${props.goalTitle}` : ''}
        </span>
        <span className="flex opacity-60 group-focus-within:opacity-100 group-hover:opacity-100">
          <MoveButton label={`Move ${item.title} up`} onClick={() => props.onMove('up')}>
            ↑
          </MoveButton>
          <MoveButton label={`Move ${item.title} down`} onClick={() => props.onMove('down')}>
            ↓
          </MoveButton>
          <MoveButton
            label={`Move ${item.title} to the previous day`}
            onClick={() => props.onMove('prev')}
          >
            ←
          </MoveButton>
          <MoveButton
            label={`Move ${item.title} to the next day`}
            onClick={() => props.onMove('next')}
          >
            →
          </MoveButton>
        </span>
      </div>
    </li>
  );
}

function MoveButton(props: { label: string; onClick(): void; children: string }) {
  return (
    <button
      type="button"
      aria-label={props.label}
      onClick={props.onClick}
      className="rounded px-1 hover:bg-slate-200"
    >
      {props.children}
    </button>
  );
}
