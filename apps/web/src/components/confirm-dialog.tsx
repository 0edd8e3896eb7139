import { createPortal } from 'react-dom';
import { type FormEvent, type ReactNode, type RefObject, useEffect, useId, useRef } from 'react';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in one or two sentences (read out when the dialog opens). */
  description: string;
  /** Anything else the confirmation needs (a password field, an error). */
  children?: ReactNode;
  confirmLabel: string;
  /** The confirm button's label while the action runs (defaults to confirmLabel). */
  busyLabel?: string;
  cancelLabel: string;
  /** The action is running: both buttons wait, and Escape does nothing. */
  busy?: boolean;
  /** A destructive action: the confirm button is red. */
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** Gets the focus when the dialog opens; otherwise the cancel button does (the safe choice). */
  initialFocus?: RefObject<HTMLElement | null>;
}

/**
 * A modal confirmation on the native <dialog>: the browser keeps focus inside it and the page behind it inert,
 * Escape cancels, and closing gives the focus back to the control that opened it. Its title names it and its
 * description is read out with it. It renders into <body>, so it can be used inside a form.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const {
    open,
    title,
    description,
    children,
    confirmLabel,
    busyLabel = confirmLabel,
    cancelLabel,
    busy = false,
    danger,
  } = props;
  const { onConfirm, onCancel } = props;
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);
  const initialFocus = props.initialFocus;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      (initialFocus?.current ?? cancelRef.current)?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, initialFocus]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // React bubbles submit through the component tree: a dialog opened from inside another form (a lesson of
    // the course editor) must not submit that form too.
    event.stopPropagation();
    if (!busy) onConfirm();
  }

  // In <body>, not where it is used: a <form> inside the page's own <form> would be invalid HTML.
  return createPortal(
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        // Escape: the page decides (nothing closes while the action runs).
        event.preventDefault();
        if (!busy) onCancel();
      }}
      onClose={() => {
        if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
      }}
    >
      <form className="stack" noValidate onSubmit={onSubmit}>
        <h2 id={`${id}-title`} className="dialog__title">
          {title}
        </h2>
        <p id={`${id}-body`}>{description}</p>
        {children}
        <div className="button-row">
          <button type="submit" className={danger ? 'button button--danger' : 'button'} disabled={busy}>
            {busy ? busyLabel : confirmLabel}
          </button>
          <button
            ref={cancelRef}
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={onCancel}
          >
            {cancelLabel}
          </button>
        </div>
      </form>
    </dialog>,
    document.body,
  );
}
