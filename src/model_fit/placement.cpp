#include "model_fit/placement.hpp"

#include <algorithm>
#include <numeric>

namespace autocut::model_fit {
namespace {

// Layers a device can hold beside what it needs regardless of them.
int layers_that_fit(std::uint64_t usable, std::uint64_t fixed, std::uint64_t per_layer, int most) {
  if (usable <= fixed || per_layer == 0) return 0;
  return static_cast<int>(std::min<std::uint64_t>((usable - fixed) / per_layer, static_cast<std::uint64_t>(most)));
}

Placement finish(const MemoryEstimate& estimate, std::vector<DeviceShare> shares) {
  Placement placement;
  placement.total_layers = estimate.layers;
  const auto per_layer = estimate.per_layer_bytes();
  for (std::size_t i = 0; i < shares.size(); ++i) {
    auto& share = shares[i];
    if (share.layers == 0) continue;
    share.bytes = estimate.graph_bytes + static_cast<std::uint64_t>(share.layers) * per_layer;
    if (placement.devices.empty()) share.bytes += estimate.projector_bytes + estimate.image_bytes;
    placement.gpu_layers += share.layers;
    placement.gpu_bytes += share.bytes;
    placement.devices.push_back(share);
  }
  const auto total = estimate.total();
  // Layers left on the CPU keep their weights and cache there, and the CPU then needs a graph of its own.
  if (placement.gpu_layers < estimate.layers)
    placement.cpu_bytes =
        static_cast<std::uint64_t>(estimate.layers - placement.gpu_layers) * per_layer + estimate.graph_bytes;
  if (placement.gpu_layers == 0) placement.cpu_bytes = total;
  return placement;
}

}  // namespace

Placement place(const MemoryEstimate& estimate, const std::vector<FitDevice>& devices, bool may_split) {
  std::vector<FitDevice> order = devices;
  std::stable_sort(order.begin(), order.end(),
                   [](const FitDevice& a, const FitDevice& b) { return a.usable_bytes > b.usable_bytes; });
  const auto per_layer = estimate.per_layer_bytes();
  const auto first_fixed = estimate.fixed_bytes();

  // Whole on one device when it fits: no traffic between devices.
  for (const auto& device : order)
    if (estimate.total() <= device.usable_bytes) return finish(estimate, {{device.id, estimate.layers, 0}});
  if (order.empty()) return finish(estimate, {});
  if (!may_split) order.resize(1);

  // What each device can hold, the first one (the largest) also holding the projector and the image.
  std::vector<int> room;
  for (std::size_t i = 0; i < order.size(); ++i)
    room.push_back(layers_that_fit(order[i].usable_bytes, i == 0 ? first_fixed : estimate.graph_bytes, per_layer,
                                   estimate.layers));
  // A largest device that cannot hold the projector and one layer leaves the whole model to the CPU.
  if (room.front() == 0) return finish(estimate, {});
  const int capacity = std::accumulate(room.begin(), room.end(), 0);

  // Enough room in all: shares in proportion to each device's room, so each keeps a like margin (a split by count,
  // blind to capacity, overfills the smaller card). Not enough: every device as full as it goes, the rest on the CPU.
  std::vector<int> layers(order.size(), 0);
  if (capacity >= estimate.layers) {
    int given = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
      layers[i] = static_cast<int>(static_cast<long long>(estimate.layers) * room[i] / capacity);
      given += layers[i];
    }
    for (std::size_t i = 0; given < estimate.layers; i = (i + 1) % order.size())
      if (layers[i] < room[i]) {
        ++layers[i];
        ++given;
      }
  } else {
    layers = room;
  }
  std::vector<DeviceShare> shares;
  for (std::size_t i = 0; i < order.size(); ++i) shares.push_back({order[i].id, layers[i], 0});
  return finish(estimate, shares);
}

}  // namespace autocut::model_fit
