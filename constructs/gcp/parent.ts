import { requirePattern } from '../core';

/** Which level of the resource hierarchy a log setting applies to. */
export type GcpParentKind = 'project' | 'folder' | 'organization';

/**
 * The resource an audit config or a log sink is attached to: a project, a folder or an
 * organization. Folder and organization settings cover every project below them (a sink with
 * `include_children`), which is where an attacker who creates a new project cannot escape them.
 */
export class GcpParent {
  /** A project, by project id. Omit the id to use the provider's project. */
  public static project(projectId?: string): GcpParent {
    if (projectId !== undefined) {
      requirePattern('parent.projectId', projectId, /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'a project id of 6 to 30 lower-case letters, digits and hyphens, starting with a letter');
    }
    return new GcpParent('project', projectId);
  }

  /** A folder, by numeric id (`123456789012` or `folders/123456789012`). */
  public static folder(folderId: string): GcpParent {
    const id = folderId.replace(/^folders\//, '');
    requirePattern('parent.folderId', id, /^[0-9]{1,20}$/, 'a numeric folder id');
    return new GcpParent('folder', id);
  }

  /** An organization, by numeric id (`123456789012` or `organizations/123456789012`). */
  public static organization(organizationId: string): GcpParent {
    const id = organizationId.replace(/^organizations\//, '');
    requirePattern('parent.organizationId', id, /^[0-9]{1,20}$/, 'a numeric organization id');
    return new GcpParent('organization', id);
  }

  private constructor(
    /** Whether this is a project, a folder or an organization. */
    public readonly kind: GcpParentKind,
    /** The project id, folder id or organization id; undefined for the provider's project. */
    public readonly id: string | undefined,
  ) {}

  /** For messages: `project my-project`, `folder 123`, `the provider's project`. */
  public toString(): string {
    return this.id === undefined ? "the provider's project" : `${this.kind} ${this.id}`;
  }
}
