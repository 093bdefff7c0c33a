"use client";
import { remoteId } from "@/lib/datasets/catalog";
import type { HostTrust } from "@/lib/datasets/trust";
import type { ViewState } from "@/lib/state/url-state";
import type { DatasetStore } from "@/lib/store/dataset-store";
import { CatalogPanel } from "@/components/loader/catalog-panel";
import { StoredList } from "@/components/loader/stored-list";

interface Props {
  base: string;
  hubBase: string;
  trust: HostTrust;
  update: (patch: Partial<ViewState>, push?: boolean) => void;
  openDataset: (id: string) => void;
  store: DatasetStore | null;
  onClose: () => void;
}

/** The Hub's splits, any address, and what this browser keeps; opening one closes the panel. */
export function ExplorerCatalog({ base, hubBase, trust, update, openDataset, store, onClose }: Props) {
  return (
    <CatalogPanel
      base={base}
      defaultBase={hubBase}
      onBase={(b) => {
        if (b) trust.allow(b);
        update({ base: b, badBase: null });
      }}
      onLoadSplit={(repo, split, files, conversion) => {
        onClose();
        openDataset(remoteId(repo, split, files, conversion));
      }}
      onOpenUrl={(url) => {
        // What the user typed is read without asking.
        if (/^https?:/i.test(url)) trust.allow(url);
        onClose();
        openDataset(`url:${url}`);
      }}
      onClose={onClose}
      mayAsk={(url) => trust.untrusted([url], window.location.origin).length === 0}
    >
      <StoredList
        store={store}
        onOpen={(id) => {
          onClose();
          openDataset(id);
        }}
      />
    </CatalogPanel>
  );
}
