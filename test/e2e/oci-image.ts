// A one-layer OCI image, built by hand without a network: a layer tar holding
// one file, a config and a manifest, each stored under its sha256 in an OCI
// image layout, tarred for `ctr image import`; Registry.push (daemons.ts)
// uploads the same blobs.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

export interface OciImage {
  /** The OCI image layout directory: its blobs are under blobs/sha256/. */
  layout: string;
  /** The layout as a tar, for `ctr image import --base-name REPO`, which tags it `REPO:<tag>`. */
  tar: string;
  tag: string;
  manifestDigest: string;
  layerDigest: string;
}

/** The bytes of one of `image`'s blobs. */
export function readBlob(image: OciImage, digest: string): Buffer {
  return readFileSync(`${image.layout}/blobs/sha256/${digest.replace(/^sha256:/, '')}`);
}

/** Node's name for the CPU, as OCI names it, so that ctr unpacks the image here. */
const OCI_ARCH: Partial<Record<NodeJS.Architecture, string>> = { x64: 'amd64', ia32: '386', arm: 'arm', arm64: 'arm64' };

/** An image tagged `tag` whose one file holds `content`, so that images with different content have different digests. */
export function buildImage(dir: string, content: string, tag = 'v1'): OciImage {
  const blobs = `${dir}/layout/blobs/sha256`;
  mkdirSync(blobs, { recursive: true });
  mkdirSync(`${dir}/rootfs`, { recursive: true });
  const store = (bytes: Buffer | string) => {
    const hex = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(`${blobs}/${hex}`, bytes);
    return { digest: `sha256:${hex}`, size: Buffer.byteLength(bytes) };
  };

  writeFileSync(`${dir}/rootfs/hello.txt`, content + '\n');
  const tarArgs = ['--owner=0', '--group=0', '--numeric-owner', '--mtime=@0'];
  execFileSync('tar', [...tarArgs, '-C', `${dir}/rootfs`, '-cf', `${dir}/layer.tar`, 'hello.txt']);
  const layer = store(readFileSync(`${dir}/layer.tar`));
  const config = store(
    JSON.stringify({
      architecture: OCI_ARCH[process.arch] ?? process.arch,
      os: 'linux',
      config: {},
      // The layer is not compressed, so its diff ID is its digest.
      rootfs: { type: 'layers', diff_ids: [layer.digest] },
    }),
  );
  const manifest = store(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...layer }],
    }),
  );
  writeFileSync(
    `${dir}/layout/index.json`,
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: OCI_MANIFEST,
          ...manifest,
          annotations: { 'org.opencontainers.image.ref.name': tag },
        },
      ],
    }),
  );
  writeFileSync(`${dir}/layout/oci-layout`, JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  execFileSync('tar', [...tarArgs, '-C', `${dir}/layout`, '-cf', `${dir}/image.tar`, '.']);
  return { layout: `${dir}/layout`, tar: `${dir}/image.tar`, tag, manifestDigest: manifest.digest, layerDigest: layer.digest };
}
