import { PropCheck } from '../core';
import { freezeClass } from '../core/freeze';
import { gcpCheck, PROJECT_ID } from './names';

/** Which level of the resource hierarchy a log setting applies to. */
export type GcpParentKind = 'project' | 'folder' | 'organization';

const NUMERIC_ID = /^[0-9]{1,20}$/;

/**
 * The resource an audit config or a log sink is attached to: a project, a folder or an
 * organization. Folder and organization settings cover every project below them (a sink with
 * `include_children`), which is where an attacker who creates a new project cannot escape them.
 * Ids are checked here (tokens pass); a construct taking a `parent` refuses anything else.
 */
export class GcpParent {
  /** A project, by project id. Omit the id to use the provider's project. */
  public static project(projectId?: string): GcpParent {
    return new GcpParent('project', gcpCheck('GcpParent.project').optionalString('parent.projectId', projectId, PROJECT_ID));
  }

  /** A folder, by numeric id (`123456789012` or `folders/123456789012`). */
  public static folder(folderId: string): GcpParent {
    return new GcpParent('folder', numericId('GcpParent.folder', 'parent.folderId', folderId, 'folders/', 'a numeric folder id'));
  }

  /** An organization, by numeric id (`123456789012` or `organizations/123456789012`). */
  public static organization(organizationId: string): GcpParent {
    return new GcpParent('organization', numericId('GcpParent.organization', 'parent.organizationId', organizationId, 'organizations/', 'a numeric organization id'));
  }

  private constructor(
    /** Whether this is a project, a folder or an organization. */
    public readonly kind: GcpParentKind,
    /** The project id, folder id or organization id; undefined for the provider's project. */
    public readonly id: string | undefined,
  ) {
    Object.freeze(this);
  }

  /** For messages: `project my-project`, `folder 123`, `the provider's project`. */
  public toString(): string {
    return this.id === undefined ? "the provider's project" : `${this.kind} ${this.id}`;
  }
}

// Frozen: a checked parent cannot become another afterwards, nor its factories be replaced.
freezeClass(GcpParent);

function numericId(where: string, prop: string, value: unknown, prefix: string, expected: string): string {
  const check = gcpCheck(where);
  const raw = check.string(prop, value, { expected });
  const id = raw.startsWith(prefix) ? raw.slice(prefix.length) : raw;
  if (check.isToken(id)) return id;
  return check.string(prop, id, { pattern: NUMERIC_ID, expected });
}

/** A construct's `parent` prop: a GcpParent (from its factories), or the provider's project when absent. */
export function checkParent(check: PropCheck, value: unknown): GcpParent {
  if (value === undefined) return GcpParent.project();
  if (!(value instanceof GcpParent)) check.fail('parent', value, 'a GcpParent (GcpParent.project(), .folder(id) or .organization(id))');
  return value;
}
